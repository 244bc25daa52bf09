package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * Splits the client's byte stream into {@link MysqlPacket}s: a 3-byte little-endian payload length and a sequence id,
 * then the payload. A payload of exactly 0xFFFFFF bytes continues in the next packet; the parts are joined without
 * copying. A payload larger than the maximum is refused as soon as its headers show it, before it is buffered, and
 * everything after it is discarded (the connection is about to be closed).
 *
 * <p>net_read_timeout: a client that stops sending in the middle of a packet is disconnected once no byte has come
 * for that long, as MySQL does; otherwise it would hold its connection (and the buffered part) until wait_timeout.
 */
final class MysqlPacketDecoder
        extends ByteToMessageDecoder
{
    static final int HEADER_LENGTH = 4;
    static final int MAX_PAYLOAD_LENGTH = 0xFFFFFF;

    private final int maxPacketSize;
    private final LongSupplier readTimeoutSeconds;
    private CompositeByteBuf partialPayload;
    private boolean failed;
    // Event loop only: when the last bytes of an unfinished packet came, and the check that closes a stalled one.
    private long lastPartialReadNanos;
    private ScheduledFuture<?> readTimeoutCheck;

    MysqlPacketDecoder(int maxPacketSize, LongSupplier readTimeoutSeconds)
    {
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be positive: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.readTimeoutSeconds = requireNonNull(readTimeoutSeconds, "readTimeoutSeconds is null");
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message)
            throws Exception
    {
        super.channelRead(context, message);
        boolean inPacket = !failed && (actualReadableBytes() > 0 || partialPayload != null);
        if (!inPacket) {
            cancelReadTimeoutCheck();
            return;
        }
        lastPartialReadNanos = System.nanoTime();
        if (readTimeoutCheck == null) {
            scheduleReadTimeoutCheck(context, lastPartialReadNanos + readTimeoutNanos());
        }
    }

    private void scheduleReadTimeoutCheck(ChannelHandlerContext context, long deadline)
    {
        readTimeoutCheck = context.executor().schedule(() -> onReadTimeoutCheck(context), Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
    }

    private void onReadTimeoutCheck(ChannelHandlerContext context)
    {
        readTimeoutCheck = null;
        if (failed || (actualReadableBytes() == 0 && partialPayload == null)) {
            return;
        }
        long deadline = lastPartialReadNanos + readTimeoutNanos();
        if (System.nanoTime() - deadline >= 0) {
            // Nothing can be answered in the middle of the client's packet: MySQL closes the connection too.
            failed = true;
            context.close();
            return;
        }
        scheduleReadTimeoutCheck(context, deadline);
    }

    private long readTimeoutNanos()
    {
        return readTimeoutSeconds.getAsLong() * 1_000_000_000L;
    }

    private void cancelReadTimeoutCheck()
    {
        if (readTimeoutCheck != null) {
            readTimeoutCheck.cancel(false);
            readTimeoutCheck = null;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out)
    {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedMediumLE(start);
        int sequenceId = in.getUnsignedByte(start + 3);
        long payloadLength = (partialPayload == null ? 0L : partialPayload.readableBytes()) + length;
        if (payloadLength > maxPacketSize) {
            failed = true;
            releasePartialPayload();
            in.skipBytes(in.readableBytes());
            throw new PacketTooLargeException(sequenceId, payloadLength, maxPacketSize);
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(HEADER_LENGTH);
        ByteBuf part = in.readRetainedSlice(length);
        if (length == MAX_PAYLOAD_LENGTH) {
            if (partialPayload == null) {
                // enough components for the largest allowed payload, so the composite never consolidates (copies)
                partialPayload = context.alloc().compositeBuffer(maxPacketSize / MAX_PAYLOAD_LENGTH + 2);
            }
            partialPayload.addComponent(true, part);
            return;
        }
        if (partialPayload != null) {
            partialPayload.addComponent(true, part);
            out.add(new MysqlPacket(sequenceId, partialPayload));
            partialPayload = null;
            return;
        }
        out.add(new MysqlPacket(sequenceId, part));
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext context)
    {
        cancelReadTimeoutCheck();
        releasePartialPayload();
    }

    private void releasePartialPayload()
    {
        if (partialPayload != null) {
            partialPayload.release();
            partialPayload = null;
        }
    }
}
