package io.sluice.loader.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a routine load needs of a Kafka consumer for one topic, by partition number. Failures surface as Kafka's
 * exceptions ({@link org.apache.kafka.common.errors.TimeoutException} for an unreachable broker,
 * {@link org.apache.kafka.clients.consumer.OffsetOutOfRangeException}, {@link org.apache.kafka.common.errors.WakeupException}
 * after {@link #wakeup()}). Not thread safe, except {@link #wakeup()}.
 */
public interface SourceConsumer
        extends AutoCloseable
{
    /** The topic's partition numbers, sorted; empty when the topic does not exist. */
    List<Integer> partitions(Duration timeout);

    Map<Integer, Long> beginningOffsets(List<Integer> partitions, Duration timeout);

    /** The offsets after the last readable message (the last stable offset under read_committed). */
    Map<Integer, Long> endOffsets(List<Integer> partitions, Duration timeout);

    void assign(List<Integer> partitions);

    void seek(int partition, long offset);

    /**
     * The offset of the next message the consumer will return for an assigned partition: past every message returned
     * so far and past control records and aborted transactions, which leave gaps in the offsets.
     */
    long position(int partition);

    Iterable<ConsumerRecord<ByteBuffer, ByteBuffer>> poll(Duration timeout);

    /** Commits the consumer group's offsets, asynchronously; for monitoring tools only. */
    void commitGroupOffsets(Map<Integer, Long> nextOffsets);

    /** Makes a blocking call of another thread end with a WakeupException. */
    void wakeup();

    @Override
    void close();
}
