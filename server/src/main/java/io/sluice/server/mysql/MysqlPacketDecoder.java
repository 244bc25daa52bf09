package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the client's byte stream into {@link MysqlPacket}s: a 3-byte little-endian payload length and a sequence id,
 * then the payload. A payload of exactly 0xFFFFFF bytes continues in the next packet; the parts are joined without
 * copying. A payload larger than the maximum is refused as soon as its headers show it, before it is buffered, and
 * everything after it is discarded (the connection is about to be closed).
 */
final class MysqlPacketDecoder
        extends ByteToMessageDecoder
{
    static final int HEADER_LENGTH = 4;
    static final int MAX_PAYLOAD_LENGTH = 0xFFFFFF;

    private final int maxPacketSize;
    private CompositeByteBuf partialPayload;
    private boolean failed;

    MysqlPacketDecoder(int maxPacketSize)
    {
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be positive: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
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
