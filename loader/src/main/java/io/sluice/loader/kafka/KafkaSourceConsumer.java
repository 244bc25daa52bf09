package io.sluice.loader.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * {@link SourceConsumer} over a kafka-clients {@link KafkaConsumer}.
 */
public final class KafkaSourceConsumer
        implements SourceConsumer
{
    private static final Logger log = LoggerFactory.getLogger(KafkaSourceConsumer.class);
    private static final long GROUP_COMMIT_RETRY_NANOS = 1_000_000_000L;

    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final String topic;
    // By partition number: position() is called for every partition at every batch, so no TopicPartition per call.
    private TopicPartition[] topicPartitions = new TopicPartition[0];
    // Group offsets: the newest wanted, whether a commit is on its way, and whether the last one failed. Only touched
    // by the consumer's thread (commitAsync callbacks run inside poll and commitAsync).
    private final Map<TopicPartition, OffsetAndMetadata> groupOffsets = new HashMap<>();
    private boolean groupCommitInFlight;
    private boolean groupCommitPending;
    private boolean groupCommitFailed;
    private long groupRetryAtNanos;

    public KafkaSourceConsumer(Properties properties, String topic)
    {
        this.topic = requireNonNull(topic, "topic is null");
        this.consumer = new KafkaConsumer<>(properties, new ByteBufferDeserializer(), new ByteBufferDeserializer());
    }

    private TopicPartition topicPartition(int partition)
    {
        if (partition >= topicPartitions.length) {
            topicPartitions = Arrays.copyOf(topicPartitions, Math.max(partition + 1, topicPartitions.length * 2));
        }
        TopicPartition result = topicPartitions[partition];
        if (result == null) {
            result = new TopicPartition(topic, partition);
            topicPartitions[partition] = result;
        }
        return result;
    }

    private List<TopicPartition> topicPartitions(List<Integer> partitions)
    {
        List<TopicPartition> result = new ArrayList<>(partitions.size());
        for (int partition : partitions) {
            result.add(topicPartition(partition));
        }
        return result;
    }

    @Override
    public List<Integer> partitions(Duration timeout)
    {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        List<Integer> partitions = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(info.partition());
            }
        }
        partitions.sort(null);
        return List.copyOf(partitions);
    }

    @Override
    public Map<Integer, Long> beginningOffsets(List<Integer> partitions, Duration timeout)
    {
        return byPartition(consumer.beginningOffsets(topicPartitions(partitions), timeout));
    }

    @Override
    public Map<Integer, Long> endOffsets(List<Integer> partitions, Duration timeout)
    {
        return byPartition(consumer.endOffsets(topicPartitions(partitions), timeout));
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets)
    {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((partition, offset) -> result.put(partition.partition(), offset));
        return result;
    }

    @Override
    public void assign(List<Integer> partitions)
    {
        consumer.assign(topicPartitions(partitions));
    }

    @Override
    public void seek(int partition, long offset)
    {
        consumer.seek(topicPartition(partition), offset);
    }

    @Override
    public long position(int partition)
    {
        return consumer.position(topicPartition(partition));
    }

    @Override
    public Iterable<ConsumerRecord<ByteBuffer, ByteBuffer>> poll(Duration timeout)
    {
        if (!groupCommitInFlight && (groupCommitPending || (groupCommitFailed && System.nanoTime() - groupRetryAtNanos >= 0))) {
            commitGroupOffsets();
        }
        return consumer.poll(timeout);
    }

    /**
     * Commits asynchronously, one commit at a time; offsets wanted meanwhile go with the next one. A failed commit (the
     * group coordinator moving, a broker restart) is retried a second later, so that lag tools do not show a stale
     * position forever.
     */
    @Override
    public void commitGroupOffsets(Map<Integer, Long> nextOffsets)
    {
        nextOffsets.forEach((partition, offset) -> groupOffsets.put(topicPartition(partition), new OffsetAndMetadata(offset)));
        if (groupCommitInFlight) {
            groupCommitPending = true;
        }
        else {
            commitGroupOffsets();
        }
    }

    private void commitGroupOffsets()
    {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(groupOffsets);
        groupCommitInFlight = true;
        groupCommitPending = false;
        groupCommitFailed = false;
        consumer.commitAsync(offsets, (committed, failure) -> {
            groupCommitInFlight = false;
            if (failure != null) {
                log.debug("Committing consumer group offsets of topic {} failed (monitoring only; retried): {}", topic, failure.toString());
                groupCommitFailed = true;
                groupRetryAtNanos = System.nanoTime() + GROUP_COMMIT_RETRY_NANOS;
            }
            else if (!offsets.equals(groupOffsets)) {
                groupCommitPending = true;
            }
        });
    }

    @Override
    public void wakeup()
    {
        consumer.wakeup();
    }

    @Override
    public void close()
    {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
