package io.sluice.loader.job;

import io.sluice.loader.kafka.KafkaSourceProperties;

import java.util.Map;

/**
 * Turns {@code OFFSET_BEGINNING} / {@code OFFSET_END} into the broker's offsets, for ALTER ROUTINE LOAD's
 * kafka_offsets: the job's progress holds real offsets only. This is the one statement that asks Kafka anything.
 */
public interface OffsetResolver
{
    /**
     * @param positions per partition, {@link KafkaSourceProperties#OFFSET_BEGINNING} or {@link KafkaSourceProperties#OFFSET_END}
     * @return per partition, the next offset to read
     */
    Map<Integer, Long> resolve(KafkaSourceProperties source, Map<Integer, String> positions);
}
