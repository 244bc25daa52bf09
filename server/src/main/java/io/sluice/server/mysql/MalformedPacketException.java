package io.sluice.server.mysql;

/** A client packet that does not follow the protocol (truncated, bad length). */
final class MalformedPacketException
        extends RuntimeException
{
    MalformedPacketException(String message)
    {
        super(message);
    }
}
