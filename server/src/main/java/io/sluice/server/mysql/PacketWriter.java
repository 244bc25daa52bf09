package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

import static io.sluice.server.mysql.MysqlPacketDecoder.HEADER_LENGTH;
import static io.sluice.server.mysql.MysqlPacketDecoder.MAX_PAYLOAD_LENGTH;

/**
 * Frames the packets of one response: reserves each packet's header, fills it in with the payload length and the next
 * sequence id once the payload is written, gathers small packets into one buffer of about 64 KB before handing it to
 * the channel, and re-frames payloads of 16 MB or more into continuation packets without copying them.
 * <p>
 * Used by one thread at a time: the event loop, or the worker that runs the command, which hands the writer to the
 * event loop for the last flush. Writing from a worker is safe because Netty queues the write on the event loop and
 * counts its bytes against the channel's write buffer at once, so {@code channel.isWritable()} reflects what the worker
 * has written.
 */
final class PacketWriter
{
    static final int BATCH_BYTES = 64 * 1024;

    private final ChannelHandlerContext context;
    private int sequenceId;
    private ByteBuf buffer;
    // Counts the buffers let go (handed to the channel or released): a mark into an old buffer never matches a new one.
    private int bufferGeneration;
    private int packetStart = -1;
    private ChannelFuture lastWrite;

    PacketWriter(ChannelHandlerContext context, int firstSequenceId)
    {
        this.context = context;
        this.sequenceId = firstSequenceId & 0xFF;
    }

    /** Starts a packet and returns the buffer to write its payload to (append only, until {@link #finishPacket()}). */
    ByteBuf startPacket()
    {
        if (packetStart >= 0) {
            throw new IllegalStateException("previous packet not finished");
        }
        if (buffer == null) {
            buffer = context.alloc().ioBuffer(1024);
        }
        packetStart = buffer.writerIndex();
        buffer.writeZero(HEADER_LENGTH);
        return buffer;
    }

    /** Completes the started packet; returns true when this handed a batch of packets to the channel. */
    boolean finishPacket()
    {
        checkPacketStarted();
        int length = buffer.writerIndex() - packetStart - HEADER_LENGTH;
        if (length < MAX_PAYLOAD_LENGTH) {
            buffer.setMediumLE(packetStart, length);
            buffer.setByte(packetStart + 3, nextSequenceId());
            packetStart = -1;
            if (buffer.readableBytes() >= BATCH_BYTES) {
                writeBuffer();
                return true;
            }
            return false;
        }
        writeSplitPacket(length);
        return true;
    }

    /** Drops what was written of the started packet, for example a row whose source failed halfway. */
    void abandonPacket()
    {
        checkPacketStarted();
        buffer.writerIndex(packetStart);
        packetStart = -1;
    }

    /** The sequence id the next packet gets. */
    int sequenceId()
    {
        return sequenceId;
    }

    /**
     * Where the next packet starts, for {@link #framedPacketsSince}; {@code -1} when nothing can be recorded (a
     * packet is being written).
     */
    long mark()
    {
        if (packetStart >= 0) {
            return -1;
        }
        return ((long) bufferGeneration << 32) | (buffer == null ? 0 : buffer.writerIndex());
    }

    /**
     * The packets written since {@code mark}, headers included, to replay with {@link #writeFramedPackets}; null when
     * they are no longer all in the buffer (a batch was handed to the channel in between).
     */
    byte[] framedPacketsSince(long mark)
    {
        if (mark < 0 || packetStart >= 0 || buffer == null || (int) (mark >>> 32) != bufferGeneration) {
            return null;
        }
        int start = (int) mark;
        byte[] packets = new byte[buffer.writerIndex() - start];
        buffer.getBytes(start, packets);
        return packets;
    }

    /**
     * Writes packets recorded by {@link #framedPacketsSince} when this writer's sequence id was the one they were
     * recorded at: their headers already carry the right ids.
     */
    void writeFramedPackets(byte[] packets, int packetCount)
    {
        if (packetStart >= 0) {
            throw new IllegalStateException("previous packet not finished");
        }
        if (buffer == null) {
            buffer = context.alloc().ioBuffer(Math.max(1024, packets.length));
        }
        buffer.writeBytes(packets);
        sequenceId = (sequenceId + packetCount) & 0xFF;
        if (buffer.readableBytes() >= BATCH_BYTES) {
            writeBuffer();
        }
    }

    /** Writes a whole packet whose payload is in {@code payload}. */
    void writePacket(byte[] payload)
    {
        startPacket().writeBytes(payload);
        finishPacket();
    }

    /** Hands everything written so far to the channel and flushes; returns the future of the last write. */
    ChannelFuture flush()
    {
        if (packetStart >= 0) {
            throw new IllegalStateException("packet not finished");
        }
        if (buffer != null && buffer.isReadable()) {
            writeBuffer();
        }
        else {
            if (buffer != null) {
                buffer.release();
                buffer = null;
                bufferGeneration++;
            }
            context.flush();
        }
        return lastWrite != null ? lastWrite : context.newSucceededFuture();
    }

    /** Releases anything not yet handed to the channel, after a failure. */
    void discard()
    {
        if (buffer != null) {
            buffer.release();
            buffer = null;
            bufferGeneration++;
        }
        packetStart = -1;
    }

    /** Flushes each batch so that a long result reaches the client while it is being produced. */
    private void writeBuffer()
    {
        lastWrite = context.writeAndFlush(buffer);
        buffer = null;
        bufferGeneration++;
    }

    /**
     * The payload in the buffer is too long for one packet: send the packets before it as they are, then the payload as
     * 16 MB parts, each behind its own header. A payload that is an exact multiple of 16 MB ends with an empty packet,
     * which tells the client the payload is complete.
     */
    private void writeSplitPacket(int length)
    {
        ByteBuf whole = buffer;
        buffer = null;
        bufferGeneration++;
        int start = packetStart;
        packetStart = -1;
        try {
            if (start > whole.readerIndex()) {
                lastWrite = context.write(whole.retainedSlice(whole.readerIndex(), start - whole.readerIndex()));
            }
            int offset = start + HEADER_LENGTH;
            int remaining = length;
            while (true) {
                int partLength = Math.min(remaining, MAX_PAYLOAD_LENGTH);
                ByteBuf header = context.alloc().ioBuffer(HEADER_LENGTH);
                header.writeMediumLE(partLength);
                header.writeByte(nextSequenceId());
                context.write(header);
                lastWrite = context.write(whole.retainedSlice(offset, partLength));
                offset += partLength;
                remaining -= partLength;
                if (partLength < MAX_PAYLOAD_LENGTH) {
                    break;
                }
            }
        }
        finally {
            whole.release();
        }
        context.flush();
    }

    private int nextSequenceId()
    {
        int current = sequenceId;
        sequenceId = (sequenceId + 1) & 0xFF;
        return current;
    }

    private void checkPacketStarted()
    {
        if (packetStart < 0) {
            throw new IllegalStateException("no packet started");
        }
    }
}
