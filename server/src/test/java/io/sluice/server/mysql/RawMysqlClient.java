package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A minimal blocking client over a plain socket, for what drivers cannot do (such as not reading an answer). */
final class RawMysqlClient
        implements AutoCloseable
{
    private final Socket socket;
    private final DataInputStream input;
    private final OutputStream output;

    RawMysqlClient(int port)
            throws IOException
    {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        // every read gives up after a while instead of hanging the test
        socket.setSoTimeout(30_000);
        input = new DataInputStream(socket.getInputStream());
        output = socket.getOutputStream();
    }

    /** Reads the handshake and logs in as root with an empty password. */
    void login()
            throws IOException
    {
        ServerPacket handshake = read();
        if (handshake.header() != 10) {
            throw new IOException("not a handshake: " + handshake.text());
        }
        send(1, ClientPackets.handshakeResponse(ClientPackets.BASIC_CAPABILITIES, "root", new byte[0], null, "mysql_native_password"));
        ServerPacket ok = read();
        if (!ok.isOk()) {
            throw new IOException("login failed: " + ok.text());
        }
    }

    void send(int sequenceId, byte[] payload)
            throws IOException
    {
        ByteBuf framed = ClientPackets.frame(sequenceId, payload);
        byte[] bytes = new byte[framed.readableBytes()];
        framed.readBytes(bytes);
        output.write(bytes);
        output.flush();
    }

    ServerPacket read()
            throws IOException
    {
        byte[] header = new byte[4];
        input.readFully(header);
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        byte[] payload = new byte[length];
        input.readFully(payload);
        return new ServerPacket(header[3] & 0xFF, payload);
    }

    /** Reads a whole text result set (without CLIENT_DEPRECATE_EOF) and returns its row count. */
    long readResultSetRowCount()
            throws IOException
    {
        ServerPacket first = read();
        if (first.isError()) {
            throw new IOException("error: " + first.errorMessage());
        }
        while (!read().isEof()) {
            // column definitions
        }
        long rows = 0;
        while (true) {
            ServerPacket packet = read();
            if (packet.isEof()) {
                return rows;
            }
            if (packet.isError()) {
                throw new IOException("error after " + rows + " rows: " + packet.errorMessage());
            }
            rows++;
        }
    }

    /** True once the server closed the connection. */
    boolean isClosedByServer()
            throws IOException
    {
        return input.read() < 0;
    }

    @Override
    public void close()
            throws IOException
    {
        socket.close();
    }
}
