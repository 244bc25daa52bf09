package io.sluice.loader.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.Properties;

/**
 * The consumer settings of a job's tasks: the job's {@code property.*} entries, then what exactly-once needs (no auto
 * commit, no offset reset: offsets come from storage, and a missing offset must pause the job, not skip data), then
 * throughput defaults the user may override.
 */
public final class ConsumerSettings
{
    private ConsumerSettings() {}

    /**
     * @param groupId the job's consumer group (group offsets are committed for monitoring only)
     * @param clientId unique per consumer of this JVM, or Kafka cannot register its metrics
     */
    public static Properties forJob(KafkaSourceProperties source, String groupId, String clientId)
    {
        Properties properties = new Properties();
        properties.putAll(source.consumerProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.brokerList());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        // Large polls: a task decodes whatever one poll returns before it looks at the clock again. Fetch sizes stay at
        // Kafka's defaults: bigger responses become multi-megabyte buffers, which G1 allocates as humongous objects.
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        // New partitions are found by asking for metadata; a stale cache must not hide them for the default 5 minutes.
        properties.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return properties;
    }
}
