package io.sluice.loader.kafka;

import io.sluice.loader.job.OffsetResolver;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the beginning and end offsets of partitions from the broker with a short-lived consumer that uses the
 * job's own connection settings (security.protocol, sasl.*, ssl.*), bounded by a timeout so a statement never hangs.
 */
public final class KafkaOffsetResolver
        implements OffsetResolver
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Override
    public Map<Integer, Long> resolve(KafkaSourceProperties source, Map<Integer, String> positions)
    {
        if (positions.isEmpty()) {
            return Map.of();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(source))) {
            List<PartitionInfo> infos = consumer.partitionsFor(source.topic(), TIMEOUT);
            Set<Integer> existing = new HashSet<>();
            if (infos != null) {
                for (PartitionInfo info : infos) {
                    existing.add(info.partition());
                }
            }
            List<TopicPartition> beginning = new ArrayList<>();
            List<TopicPartition> end = new ArrayList<>();
            for (Map.Entry<Integer, String> position : positions.entrySet()) {
                if (!existing.contains(position.getKey())) {
                    throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY,
                            "The specified partition " + position.getKey() + " does not exist in topic " + source.topic());
                }
                TopicPartition partition = new TopicPartition(source.topic(), position.getKey());
                (position.getValue().equals(KafkaSourceProperties.OFFSET_BEGINNING) ? beginning : end).add(partition);
            }
            Map<Integer, Long> offsets = new HashMap<>();
            consumer.beginningOffsets(beginning, TIMEOUT).forEach((partition, offset) -> offsets.put(partition.partition(), offset));
            consumer.endOffsets(end, TIMEOUT).forEach((partition, offset) -> offsets.put(partition.partition(), offset));
            return Map.copyOf(offsets);
        }
        catch (KafkaException e) {
            throw new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_STATE,
                    "Cannot read the offsets of topic " + source.topic() + " from " + source.brokerList() + ": " + e.getMessage());
        }
    }

    private static Properties properties(KafkaSourceProperties source)
    {
        Properties properties = new Properties();
        properties.putAll(source.consumerProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.brokerList());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-offsets");
        return properties;
    }
}
