package io.sluice.loader.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A hand-written in-memory broker: topics of partitions holding messages at offsets, with control records (which take
 * an offset but are never returned, as transaction markers), a log start (retention), and an outage switch. Its
 * consumers behave like kafka-clients' for what routine load uses: positions move past control records, an offset
 * outside the log fails the poll with OffsetOutOfRangeException, and metadata calls time out while the broker is down.
 */
final class FakeKafka
        implements KafkaClients
{
    private static final long MESSAGE_TIMESTAMP = 1_700_000_000_000L;

    private record Entry(long offset, byte[] value, boolean control) {}

    private static final class Partition
    {
        private final List<Entry> entries = new ArrayList<>();
        private long logStart;
        private long end;
    }

    private final Map<String, List<Partition>> topics = new HashMap<>();
    private final Map<Integer, Long> groupOffsets = new TreeMap<>();
    private final List<Properties> openedWith = new ArrayList<>();
    private final Map<String, List<Integer>> assignments = new TreeMap<>();
    private boolean down;

    @Override
    public synchronized SourceConsumer open(Properties properties, String topic)
    {
        openedWith.add(properties);
        return new Consumer(topic, properties.getProperty(ConsumerConfig.CLIENT_ID_CONFIG));
    }

    synchronized void createTopic(String topic, int partitionCount)
    {
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < partitionCount; i++) {
            partitions.add(new Partition());
        }
        topics.put(topic, partitions);
        notifyAll();
    }

    synchronized void addPartitions(String topic, int count)
    {
        for (int i = 0; i < count; i++) {
            topics.get(topic).add(new Partition());
        }
        notifyAll();
    }

    /** Appends a message; returns its offset. */
    synchronized long produce(String topic, int partition, String value)
    {
        return append(topic, partition, value == null ? null : value.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A transaction marker: takes an offset, is never returned. */
    synchronized long produceControlRecord(String topic, int partition)
    {
        return append(topic, partition, null, true);
    }

    private long append(String topic, int partitionNumber, byte[] value, boolean control)
    {
        Partition partition = topics.get(topic).get(partitionNumber);
        long offset = partition.end++;
        partition.entries.add(new Entry(offset, value, control));
        notifyAll();
        return offset;
    }

    /** Retention: messages before {@code offset} are gone. */
    synchronized void deleteBefore(String topic, int partitionNumber, long offset)
    {
        Partition partition = topics.get(topic).get(partitionNumber);
        partition.logStart = offset;
        partition.entries.removeIf(entry -> entry.offset() < offset);
    }

    synchronized void setDown(boolean down)
    {
        this.down = down;
        notifyAll();
    }

    synchronized Map<Integer, Long> groupOffsets()
    {
        return Map.copyOf(groupOffsets);
    }

    synchronized List<Properties> openedWith()
    {
        return List.copyOf(openedWith);
    }

    /** Per client id, the partitions its consumer was assigned last. */
    synchronized Map<String, List<Integer>> assignments()
    {
        return Map.copyOf(assignments);
    }

    private final class Consumer
            implements SourceConsumer
    {
        private final String topic;
        private final String clientId;
        private final Map<Integer, Long> positions = new TreeMap<>();
        private volatile boolean wokenUp;
        private boolean closed;

        Consumer(String topic, String clientId)
        {
            this.topic = topic;
            this.clientId = clientId;
        }

        private void checkUsable()
        {
            if (closed) {
                throw new IllegalStateException("This consumer has already been closed.");
            }
            if (wokenUp) {
                wokenUp = false;
                throw new WakeupException();
            }
        }

        private void checkUp(String what)
        {
            if (down) {
                throw new TimeoutException(what);
            }
        }

        @Override
        public List<Integer> partitions(Duration timeout)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                checkUp("Timeout expired while fetching topic metadata");
                List<Partition> partitions = topics.get(topic);
                List<Integer> numbers = new ArrayList<>();
                for (int i = 0; partitions != null && i < partitions.size(); i++) {
                    numbers.add(i);
                }
                return numbers;
            }
        }

        @Override
        public Map<Integer, Long> beginningOffsets(List<Integer> partitions, Duration timeout)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                checkUp("Failed to get offsets by times in " + timeout.toMillis() + "ms");
                Map<Integer, Long> offsets = new TreeMap<>();
                for (int partition : partitions) {
                    offsets.put(partition, topics.get(topic).get(partition).logStart);
                }
                return offsets;
            }
        }

        @Override
        public Map<Integer, Long> endOffsets(List<Integer> partitions, Duration timeout)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                checkUp("Failed to get offsets by times in " + timeout.toMillis() + "ms");
                Map<Integer, Long> offsets = new TreeMap<>();
                for (int partition : partitions) {
                    offsets.put(partition, topics.get(topic).get(partition).end);
                }
                return offsets;
            }
        }

        @Override
        public void assign(List<Integer> partitions)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                positions.keySet().retainAll(partitions);
                assignments.put(clientId, List.copyOf(partitions));
            }
        }

        @Override
        public void seek(int partition, long offset)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                positions.put(partition, offset);
            }
        }

        @Override
        public long position(int partition)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                Long position = positions.get(partition);
                if (position == null) {
                    throw new IllegalStateException("No position for partition " + partition);
                }
                return position;
            }
        }

        @Override
        public Iterable<ConsumerRecord<ByteBuffer, ByteBuffer>> poll(Duration timeout)
        {
            synchronized (FakeKafka.this) {
                checkUsable();
                List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = fetch();
                if (records.isEmpty()) {
                    try {
                        FakeKafka.this.wait(Math.max(1, timeout.toMillis()));
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new KafkaException(e);
                    }
                    checkUsable();
                    records = fetch();
                }
                return records;
            }
        }

        private List<ConsumerRecord<ByteBuffer, ByteBuffer>> fetch()
        {
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = new ArrayList<>();
            if (down) {
                return records;
            }
            for (Map.Entry<Integer, Long> position : positions.entrySet()) {
                int number = position.getKey();
                Partition partition = topics.get(topic).get(number);
                long next = position.getValue();
                if (next < partition.logStart || next > partition.end) {
                    throw new OffsetOutOfRangeException("Fetch position " + next + " is out of range for partition " + topic + "-" + number,
                            Map.of(new TopicPartition(topic, number), next));
                }
                for (Entry entry : partition.entries) {
                    if (entry.offset() < next) {
                        continue;
                    }
                    if (!entry.control()) {
                        records.add(new ConsumerRecord<>(topic, number, entry.offset(), MESSAGE_TIMESTAMP + entry.offset(), TimestampType.CREATE_TIME,
                                0, entry.value() == null ? -1 : entry.value().length, null, slice(entry.value()), new RecordHeaders(), Optional.empty()));
                    }
                    next = entry.offset() + 1;
                }
                positions.put(number, next);
            }
            return records;
        }

        @Override
        public void commitGroupOffsets(Map<Integer, Long> nextOffsets)
        {
            synchronized (FakeKafka.this) {
                if (!down) {
                    groupOffsets.putAll(nextOffsets);
                }
            }
        }

        @Override
        public void wakeup()
        {
            wokenUp = true;
            synchronized (FakeKafka.this) {
                FakeKafka.this.notifyAll();
            }
        }

        @Override
        public void close()
        {
            synchronized (FakeKafka.this) {
                closed = true;
            }
        }
    }

    /** A value as Kafka's consumer hands it out: a slice of a larger fetch buffer. */
    private static ByteBuffer slice(byte[] value)
    {
        if (value == null) {
            return null;
        }
        byte[] buffer = new byte[value.length + 5];
        System.arraycopy(value, 0, buffer, 2, value.length);
        return ByteBuffer.wrap(buffer, 2, value.length).slice();
    }
}
