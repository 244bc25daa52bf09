package io.sluice.loader.decode;

/**
 * Decodes the rows of one message (a Kafka record value) into source slots. One instance per task, reused.
 */
public interface MessageDecoder
{
    /** The message is {@code buffer[offset, offset + length)}: Kafka hands out slices of its fetch buffer, not copies. */
    void decode(byte[] buffer, int offset, int length, RowConsumer consumer);

    default void decode(byte[] message, RowConsumer consumer)
    {
        decode(message, 0, message.length, consumer);
    }
}
