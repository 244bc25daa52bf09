package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The ingest ceiling, run in its own JVM: one plain kafka-clients consumer reads the whole topic and parses every
 * message with Jackson streaming (4 fields), the least any loader must do. The topic is read twice; the second,
 * warmed pass is reported on stdout as {@code messages bytes seconds}.
 */
public final class CeilingConsumer
{
    private static final JsonFactory JSON = new JsonFactory();

    private CeilingConsumer() {}

    public static void main(String[] args)
            throws IOException
    {
        String bootstrapServers = args[0];
        String topic = args[1];
        long expected = Long.parseLong(args[2]);
        double[] pass = null;
        for (int i = 0; i < 2; i++) {
            pass = readAll(bootstrapServers, topic, expected);
        }
        System.out.println(((long) pass[0]) + " " + ((long) pass[1]) + " " + pass[2]);
    }

    private static double[] readAll(String bootstrapServers, String topic, long expected)
            throws IOException
    {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long messages = 0;
            long bytes = 0;
            long checksum = 0;
            while (messages < expected) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    byte[] value = record.value();
                    bytes += value.length;
                    checksum += parse(value);
                    messages++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (checksum == 42) {
                System.err.println("(checksum keeps the parsing from being optimized away)");
            }
            return new double[] {messages, bytes, seconds};
        }
    }

    /** Reads the 4 fields of a Story A message the way a loader must: number and three strings. */
    private static long parse(byte[] message)
            throws IOException
    {
        long sum = 0;
        try (JsonParser parser = JSON.createParser(message)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    sum += parser.getLongValue();
                }
                else {
                    sum += parser.getText().length();
                }
            }
        }
        return sum;
    }
}
