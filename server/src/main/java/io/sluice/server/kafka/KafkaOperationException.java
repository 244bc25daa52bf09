package io.sluice.server.kafka;

/**
 * A Kafka broker or client operation failed; the message is meant to be shown to a user as is.
 */
public final class KafkaOperationException
        extends RuntimeException
{
    public KafkaOperationException(String message)
    {
        super(message);
    }

    public KafkaOperationException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
