package io.sluice.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A MySQL client on a bare socket, for what drivers hide: exact error packets, auth plugins, oversized packets and
 * malformed commands. Packets are framed (and payloads of 16 MB or more split) as the protocol says.
 */
final class RawMysqlSocket
        implements AutoCloseable
{
    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_PROTOCOL_41 = 1 << 9;
    static final int CLIENT_SECURE_CONNECTION = 1 << 15;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
    static final int CLIENT_MULTI_RESULTS = 1 << 17;
    static final int CLIENT_PLUGIN_AUTH = 1 << 19;
    static final int CLIENT_DEPRECATE_EOF = 1 << 24;

    private final Socket socket;
    private final DataInputStream input;
    private final OutputStream output;
    private int sequenceId;
    private byte[] greeting;

    RawMysqlSocket(int port, int readTimeoutMillis)
            throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
        input = new DataInputStream(socket.getInputStream());
        output = socket.getOutputStream();
    }

    /** Reads the greeting and logs in as root with an empty password, offering {@code plugin}; returns the answer. */
    byte[] login(int capabilities, String plugin, byte[] authResponse)
            throws IOException
    {
        greeting = readPacket();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        writeIntLE(response, capabilities | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH | CLIENT_LONG_PASSWORD);
        writeIntLE(response, 1 << 30);
        response.write(45);
        response.write(new byte[23]);
        response.write("root".getBytes(StandardCharsets.UTF_8));
        response.write(0);
        response.write(authResponse.length);
        response.write(authResponse);
        response.write(plugin.getBytes(StandardCharsets.UTF_8));
        response.write(0);
        writePacket(response.toByteArray());
        return readPacket();
    }

    byte[] greeting()
    {
        return greeting;
    }

    /** Sends a command as a new exchange (sequence id 0). */
    void command(int command, byte[] body)
            throws IOException
    {
        sequenceId = 0;
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(body, 0, payload, 1, body.length);
        writePacket(payload);
    }

    void query(String sql)
            throws IOException
    {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
    }

    void writePacket(byte[] payload)
            throws IOException
    {
        int offset = 0;
        while (true) {
            int length = Math.min(0xFFFFFF, payload.length - offset);
            output.write(new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) sequenceId++});
            output.write(payload, offset, length);
            offset += length;
            if (length < 0xFFFFFF) {
                break;
            }
        }
        output.flush();
    }

    /** Bytes as they are, framing included. */
    void writeRaw(byte[] bytes)
            throws IOException
    {
        output.write(bytes);
        output.flush();
    }

    /** One logical packet (continuations joined). */
    byte[] readPacket()
            throws IOException
    {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while (true) {
            int length = input.readUnsignedByte() | input.readUnsignedByte() << 8 | input.readUnsignedByte() << 16;
            sequenceId = (input.readUnsignedByte() + 1) & 0xFF;
            byte[] part = new byte[length];
            input.readFully(part);
            payload.write(part);
            if (length < 0xFFFFFF) {
                return payload.toByteArray();
            }
        }
    }

    /** True when the server closed the connection (reading hits the end of the stream). */
    boolean closedByServer()
            throws IOException
    {
        try {
            return input.read() < 0;
        }
        catch (EOFException e) {
            return true;
        }
        catch (java.net.SocketException e) {
            // a reset after the server closed
            return true;
        }
    }

    /** Half-closes: the server sees the end of the stream, and this side can still read what it answers. */
    void shutdownOutput()
            throws IOException
    {
        socket.shutdownOutput();
    }

    /** Sends nothing for a while, as a stalled client would. */
    void stall(int millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isError(byte[] packet)
    {
        return packet.length > 0 && (packet[0] & 0xFF) == 0xFF;
    }

    static boolean isOk(byte[] packet)
    {
        return packet.length > 0 && packet[0] == 0;
    }

    static int errorCode(byte[] packet)
    {
        return (packet[1] & 0xFF) | (packet[2] & 0xFF) << 8;
    }

    /** "#SQLSTATE message" of an error packet, as "SQLSTATE message". */
    static String errorText(byte[] packet)
    {
        return new String(packet, 4, 5, StandardCharsets.US_ASCII) + " " + new String(packet, 9, packet.length - 9, StandardCharsets.UTF_8);
    }

    static byte[] range(byte[] packet, int from, int to)
    {
        return Arrays.copyOfRange(packet, from, to);
    }

    static void writeIntLE(ByteArrayOutputStream output, int value)
    {
        output.write(value);
        output.write(value >> 8);
        output.write(value >> 16);
        output.write(value >> 24);
    }

    @Override
    public void close()
            throws IOException
    {
        socket.close();
    }
}
