package io.sluice.loader.kafka;

import java.util.Properties;

/**
 * Opens consumers: real Kafka consumers in production, a hand-written fake broker in tests.
 */
@FunctionalInterface
public interface KafkaClients
{
    KafkaClients KAFKA = KafkaSourceConsumer::new;

    /** A consumer of {@code topic} with these settings (see {@link ConsumerSettings}). */
    SourceConsumer open(Properties properties, String topic);
}
