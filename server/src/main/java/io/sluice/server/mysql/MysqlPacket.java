package io.sluice.server.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One logical client packet: the payload (continuation packets of a payload of 16 MB or more already joined) and the
 * sequence id of its last physical packet, which the answer continues from.
 */
final class MysqlPacket
        extends DefaultByteBufHolder
{
    private final int sequenceId;

    MysqlPacket(int sequenceId, ByteBuf payload)
    {
        super(payload);
        this.sequenceId = sequenceId;
    }

    int sequenceId()
    {
        return sequenceId;
    }

    /** The sequence id the first answer packet must carry. */
    int nextSequenceId()
    {
        return (sequenceId + 1) & 0xFF;
    }

    @Override
    public MysqlPacket replace(ByteBuf content)
    {
        return new MysqlPacket(sequenceId, content);
    }

    @Override
    public String toString()
    {
        return "MysqlPacket[sequenceId=" + sequenceId + ", length=" + content().readableBytes() + "]";
    }
}
