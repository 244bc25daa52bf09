package io.sluice.server.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Creates topics and writes text lines into them: the {@code sluice produce} command, and test data for the loader.
 * Every call gives up with a {@link KafkaOperationException} after about 30 seconds rather than wait for an
 * unreachable broker forever.
 */
public final class TopicProducer
{
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private TopicProducer() {}

    /**
     * Creates {@code topic} with {@code partitions} partitions and the broker's default replication factor, unless a
     * topic of that name exists (its partition count is then left alone), and waits until every partition has a
     * leader.
     *
     * @throws IllegalArgumentException if the topic name or partition count is invalid
     * @throws KafkaOperationException if the broker cannot be reached or refuses
     */
    public static void createTopicIfMissing(String bootstrapServers, String topic, int partitions)
    {
        createTopicIfMissing(bootstrapServers, topic, partitions, DEFAULT_TIMEOUT);
    }

    static void createTopicIfMissing(String bootstrapServers, String topic, int partitions, Duration timeout)
    {
        checkBootstrapServers(bootstrapServers);
        checkTopic(topic);
        if (partitions < 1) {
            throw new IllegalArgumentException("Partition count must be positive: " + partitions);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, timeout))) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty());
            try {
                long remaining = remainingMillis(deadline);
                admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs((int) remaining))
                        .all()
                        .get(remaining, TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("Cannot create topic '" + topic + "'", bootstrapServers, e.getCause());
                }
            }
            awaitLeaders(admin, bootstrapServers, topic, deadline, timeout);
        }
        catch (TimeoutException e) {
            throw timedOut("creating topic '" + topic + "'", bootstrapServers, timeout);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaOperationException("Interrupted while creating topic '" + topic + "'", e);
        }
        catch (KafkaException e) {
            throw failure("Cannot create topic '" + topic + "'", bootstrapServers, e);
        }
    }

    /**
     * Sends every non-blank line of {@code lines} as one message (UTF-8 value, no key) and waits until the broker has
     * acknowledged all of them.
     *
     * @return the number of messages sent
     * @throws IllegalArgumentException if the topic name is invalid
     * @throws KafkaOperationException if a message cannot be delivered
     * @throws UncheckedIOException if reading {@code lines} fails
     */
    public static long produceLines(String bootstrapServers, String topic, BufferedReader lines)
    {
        return produceLines(bootstrapServers, topic, lines, DEFAULT_TIMEOUT);
    }

    static long produceLines(String bootstrapServers, String topic, BufferedReader lines, Duration timeout)
    {
        checkBootstrapServers(bootstrapServers);
        checkTopic(topic);
        requireNonNull(lines, "lines is null");
        Deliveries deliveries = new Deliveries();
        long count = 0;
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerConfig(bootstrapServers, timeout));
        }
        catch (KafkaException e) {
            throw failure("Cannot produce to topic '" + topic + "'", bootstrapServers, e);
        }
        boolean succeeded = false;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // A failed send fails every later one too: stop reading instead of buffering the rest of the input
                deliveries.throwIfFailed(topic, bootstrapServers);
                producer.send(new ProducerRecord<>(topic, line.getBytes(UTF_8)), deliveries);
                count++;
            }
            producer.flush();
            deliveries.throwIfFailed(topic, bootstrapServers);
            succeeded = true;
            return count;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lines to produce: " + e.getMessage(), e);
        }
        catch (KafkaException e) {
            throw deliveries.failure(topic, bootstrapServers, e);
        }
        finally {
            // On failure do not wait for messages that will not be delivered anyway
            producer.close(succeeded ? timeout : Duration.ZERO);
        }
    }

    private static void awaitLeaders(Admin admin, String bootstrapServers, String topic, long deadline, Duration timeout)
            throws InterruptedException, TimeoutException
    {
        // The controller has created the topic, but this broker may not have seen it yet
        while (true) {
            try {
                long remaining = remainingMillis(deadline);
                TopicDescription description = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) remaining))
                        .allTopicNames()
                        .get(remaining, TimeUnit.MILLISECONDS)
                        .get(topic);
                if (description != null && allPartitionsHaveLeaders(description)) {
                    return;
                }
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("Cannot describe topic '" + topic + "'", bootstrapServers, e.getCause());
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw timedOut("waiting for topic '" + topic + "' to be ready", bootstrapServers, timeout);
            }
            Thread.sleep(50);
        }
    }

    private static boolean allPartitionsHaveLeaders(TopicDescription description)
    {
        for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
                return false;
            }
        }
        return !description.partitions().isEmpty();
    }

    private static Map<String, Object> adminConfig(String bootstrapServers, Duration timeout)
    {
        int timeoutMillis = (int) timeout.toMillis();
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-topic-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(timeoutMillis / 2, 1),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout)
    {
        int timeoutMillis = (int) timeout.toMillis();
        int lingerMillis = 5;
        int requestTimeoutMillis = Math.max(timeoutMillis / 2, 1);
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "sluice-produce",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMillis,
                // Bound every wait: metadata for the first send, each request, and each message's whole delivery
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMillis,
                // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMillis, requestTimeoutMillis + lingerMillis));
    }

    private static void checkBootstrapServers(String bootstrapServers)
    {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are empty");
        }
    }

    private static void checkTopic(String topic)
    {
        requireNonNull(topic, "topic is null");
        try {
            Topic.validate(topic);
        }
        catch (InvalidTopicException e) {
            throw new IllegalArgumentException("Invalid topic name '" + topic + "': " + e.getMessage(), e);
        }
    }

    private static long remainingMillis(long deadline)
    {
        return Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1);
    }

    private static KafkaOperationException failure(String what, String bootstrapServers, Throwable cause)
    {
        return new KafkaOperationException(what + " on " + bootstrapServers + ": " + cause.getMessage() + hint(cause, bootstrapServers), cause);
    }

    private static String hint(Throwable cause, String bootstrapServers)
    {
        // Kafka clients report an unreachable broker only as a timeout
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return " (is a broker running at " + bootstrapServers + "?)";
        }
        return "";
    }

    private static KafkaOperationException timedOut(String what, String bootstrapServers, Duration timeout)
    {
        return new KafkaOperationException("Timed out after " + timeout.toSeconds() + " s " + what + " on " + bootstrapServers
                + " (is a broker running there?)");
    }

    /**
     * Counts acknowledged messages and remembers the first failed one. One instance serves as the callback of every
     * send, so that producing a line allocates nothing beyond the record itself.
     */
    private static final class Deliveries
            implements Callback
    {
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception)
        {
            if (exception == null) {
                acknowledged.incrementAndGet();
            }
            else {
                failure.compareAndSet(null, exception);
            }
        }

        void throwIfFailed(String topic, String bootstrapServers)
        {
            Exception exception = failure.get();
            if (exception != null) {
                throw failure(topic, bootstrapServers, exception);
            }
        }

        KafkaOperationException failure(String topic, String bootstrapServers, Exception exception)
        {
            String written = " after writing " + acknowledged.get() + " messages";
            return new KafkaOperationException("Cannot produce to topic '" + topic + "' on " + bootstrapServers + written + ": "
                    + exception.getMessage() + hint(exception, bootstrapServers), exception);
        }
    }
}
