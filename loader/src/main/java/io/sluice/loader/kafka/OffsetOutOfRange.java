package io.sluice.loader.kafka;

import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.StateChangeReason;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pause reason when the job's next offsets are no longer in the log (retention deleted them, or the topic was
 * recreated): errCode 104, which partitions at which offsets, what the broker still holds, and how to continue.
 */
final class OffsetOutOfRange
{
    private OffsetOutOfRange() {}

    /** Per partition, the first and the next offset the broker holds, when it could tell. */
    record Range(long beginning, long end) {}

    static List<Integer> partitions(Map<TopicPartition, Long> offsets)
    {
        return List.copyOf(byPartition(offsets).keySet());
    }

    static StateChangeReason reason(RoutineLoadJob job, Map<TopicPartition, Long> offsets, Optional<Map<Integer, Range>> ranges)
    {
        List<String> parts = new ArrayList<>();
        Map<Integer, Long> byPartition = byPartition(offsets);
        byPartition.forEach((partition, offset) -> parts.add("partition " + partition + " at offset " + offset));
        String held = ranges.map(OffsetOutOfRange::held).orElse("");
        List<String> partitionTexts = new ArrayList<>();
        for (int partition : byPartition.keySet()) {
            partitionTexts.add(Integer.toString(partition));
        }
        String name = job.definition().databaseName() + "." + job.definition().name();
        return new StateChangeReason(StateChangeReason.TASKS_ABORT,
                "Offset out of range: " + String.join(", ", parts) + " of topic " + job.source().topic() + " no longer exist" + held
                        + " (retention removed them, or the topic was recreated). To continue, ALTER ROUTINE LOAD FOR " + name
                        + " FROM KAFKA (\"kafka_partitions\" = \"" + String.join(",", partitionTexts) + "\", \"kafka_offsets\" = \""
                        + String.join(",", Collections.nCopies(partitionTexts.size(), KafkaSourceProperties.OFFSET_BEGINNING))
                        + "\") then RESUME ROUTINE LOAD FOR " + name);
    }

    private static String held(Map<Integer, Range> ranges)
    {
        List<String> texts = new ArrayList<>();
        new TreeMap<>(ranges).forEach((partition, range) -> texts.add("partition " + partition + ": " + range.beginning() + " to " + range.end()));
        return " (the broker now holds offsets " + String.join(", ", texts) + ")";
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets)
    {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((partition, offset) -> result.put(partition.partition(), offset));
        return result;
    }
}
