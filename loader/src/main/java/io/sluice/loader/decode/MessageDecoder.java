package io.sluice.loader.decode;

/**
 * Decodes the rows of one message (a Kafka record value) into source slots. One instance per task, reused.
 */
public interface MessageDecoder
{
    void decode(byte[] message, RowConsumer consumer);
}
