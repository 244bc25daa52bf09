package io.sluice.server.mysql;

import io.netty.handler.codec.TooLongFrameException;

/** A client packet larger than the configured maximum; the connection is answered with error 1153 and closed. */
final class PacketTooLargeException
        extends TooLongFrameException
{
    private final int sequenceId;

    PacketTooLargeException(int sequenceId, long length, int maxPacketSize)
    {
        super("packet of at least %s bytes exceeds the maximum of %s bytes".formatted(length, maxPacketSize));
        this.sequenceId = sequenceId;
    }

    int sequenceId()
    {
        return sequenceId;
    }
}
