package io.sluice.server.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class EmbeddedKafkaBrokerTest
{
    private static final String TOPIC = "events";
    private static final int MESSAGES = 1000;
    private static final int PARTITIONS = 4;

    @TempDir
    Path temporaryDirectory;

    @Test
    void producedMessagesSurviveARestart()
            throws Exception
    {
        Path dataDirectory = temporaryDirectory.resolve("kafka");
        List<String> lines = lines();
        String clusterId;
        int port;

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDirectory, "127.0.0.1", 0);
        try {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
            clusterId = broker.clusterId();
            port = broker.port();

            TopicProducer.createTopicIfMissing(broker.bootstrapServers(), TOPIC, PARTITIONS);
            // Creating it again is harmless
            TopicProducer.createTopicIfMissing(broker.bootstrapServers(), TOPIC, PARTITIONS);

            long produced = TopicProducer.produceLines(broker.bootstrapServers(), TOPIC, new BufferedReader(new StringReader(inputWithBlankLines(lines))));
            assertThat(produced).isEqualTo(MESSAGES);
            assertAllMessagesPresent(broker.bootstrapServers(), lines);

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDirectory, "127.0.0.1", 0))
                    .isInstanceOf(KafkaOperationException.class)
                    .hasMessageContaining("in use by another broker");
        }
        finally {
            broker.close();
        }
        broker.close();

        // Same port again: close() must have released it
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDirectory, "127.0.0.1", port)) {
            assertThat(restarted.port()).isEqualTo(port);
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            assertAllMessagesPresent(restarted.bootstrapServers(), lines);
        }

        // A directory formatted for another node is refused with Kafka's explanation
        Path metaProperties = dataDirectory.resolve("meta.properties");
        Files.writeString(metaProperties, Files.readString(metaProperties).replace("node.id=1", "node.id=2"));
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDirectory, "127.0.0.1", 0))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageStartingWith("Kafka broker failed to start: Stored node id 2 doesn't match previous node id 1");
    }

    @Test
    void portInUseFailsCleanly()
            throws Exception
    {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(temporaryDirectory.resolve("kafka"), "127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(KafkaOperationException.class)
                    .hasMessageStartingWith("Kafka broker port 127.0.0.1:" + taken.getLocalPort() + " is not available: ");
        }
    }

    @Test
    void dataDirectoryThatIsAFileFailsCleanly()
            throws Exception
    {
        Path file = Files.writeString(temporaryDirectory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(file, "127.0.0.1", 0))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining("Cannot use Kafka data directory");
    }

    @Test
    void directoryOfAnotherKindFailsCleanly()
            throws Exception
    {
        Path dataDirectory = Files.createDirectories(temporaryDirectory.resolve("kafka"));
        Files.writeString(dataDirectory.resolve("meta.properties"), "version=1\n");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDirectory, "127.0.0.1", 0))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining("has no cluster.id");
    }

    @Test
    void rejectsInvalidArguments()
    {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(temporaryDirectory, "127.0.0.1", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka broker port must be between 0 and 65535: -1");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(temporaryDirectory, "127.0.0.1", 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(temporaryDirectory, " ", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka broker host is empty");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(temporaryDirectory, "no-such-host.invalid", 0))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessage("Unknown Kafka broker host: no-such-host.invalid");
    }

    private static List<String> lines()
    {
        List<String> lines = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            // Non-ASCII text checks the UTF-8 round trip
            lines.add(String.format("{\"id\": %04d, \"city\": \"Zürich 東京\"}", i));
        }
        return List.copyOf(lines);
    }

    private static String inputWithBlankLines(List<String> lines)
    {
        StringBuilder input = new StringBuilder("\n");
        for (int i = 0; i < lines.size(); i++) {
            input.append(lines.get(i)).append(i % 100 == 0 ? "\r\n   \n" : "\n");
        }
        return input.toString();
    }

    private static void assertAllMessagesPresent(String bootstrapServers, List<String> expected)
    {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(TOPIC, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(TOPIC, partition.partition()));
            }
            assertThat(partitions).hasSize(PARTITIONS);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            long total = 0;
            for (long endOffset : consumer.endOffsets(partitions, Duration.ofSeconds(10)).values()) {
                total += endOffset;
            }
            assertThat(total).isEqualTo(expected.size());

            List<String> received = new ArrayList<>();
            Map<Integer, List<String>> receivedByPartition = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.size() < expected.size() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    assertThat(record.key()).isNull();
                    String value = new String(record.value(), UTF_8);
                    received.add(value);
                    receivedByPartition.computeIfAbsent(record.partition(), ignored -> new ArrayList<>()).add(value);
                }
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
            // Each partition keeps the order of the input
            for (List<String> partitionValues : receivedByPartition.values()) {
                assertThat(partitionValues).isSortedAccordingTo(String::compareTo);
            }
        }
    }
}
