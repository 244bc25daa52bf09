package io.sluice.loader.kafka;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.sluice.loader.kafka.KafkaSourceProperties.OFFSET_BEGINNING;
import static io.sluice.loader.kafka.KafkaSourceProperties.OFFSET_END;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSourcePropertiesTest
{
    @Test
    void storyA()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered(
                "kafka_broker_list", "127.0.0.1:9092", "kafka_topic", "example_topic",
                "kafka_partitions", "0", "property.kafka_default_offsets", "OFFSET_BEGINNING"));

        assertThat(properties.brokerList()).isEqualTo("127.0.0.1:9092");
        assertThat(properties.topic()).isEqualTo("example_topic");
        assertThat(properties.partitions()).containsExactly(0);
        assertThat(properties.defaultOffset()).isEqualTo(OFFSET_BEGINNING);
        assertThat(properties.startOffset(0)).isEqualTo(OFFSET_BEGINNING);
        assertThat(properties.groupId()).isEmpty();
        assertThat(properties.consumerProperties()).isEmpty();
    }

    @Test
    void storyB()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered(
                "kafka_broker_list", "host1:9092,host2:9092,host3:9092", "kafka_topic", "testA", "property.kafka_default_offsets", "OFFSET_END"));

        assertThat(properties.brokerList()).isEqualTo("host1:9092,host2:9092,host3:9092");
        assertThat(properties.partitions()).isEmpty();
        assertThat(properties.startOffset(7)).isEqualTo(OFFSET_END);
    }

    @Test
    void defaultOffsetIsOffsetEnd()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t"));

        assertThat(properties.defaultOffset()).isEqualTo(OFFSET_END);
        assertThat(properties.startOffset(0)).isEqualTo(OFFSET_END);
    }

    @Test
    void defaultOffsetIgnoresCase()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered(
                "kafka_broker_list", "b:9092", "kafka_topic", "t", "property.kafka_default_offsets", " offset_beginning "));

        assertThat(properties.defaultOffset()).isEqualTo(OFFSET_BEGINNING);
    }

    @Test
    void offsetsPerPartition()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered(
                "kafka_broker_list", "b:9092", "kafka_topic", "t",
                "kafka_partitions", " 0, 1,2 ,5", "kafka_offsets", "OFFSET_BEGINNING, offset_end,42, 0",
                "property.kafka_default_offsets", "OFFSET_BEGINNING"));

        assertThat(properties.partitions()).containsExactly(0, 1, 2, 5);
        assertThat(properties.startOffset(0)).isEqualTo(OFFSET_BEGINNING);
        assertThat(properties.startOffset(1)).isEqualTo(OFFSET_END);
        assertThat(properties.startOffset(2)).isEqualTo("42");
        assertThat(properties.startOffset(5)).isEqualTo("0");
        assertThat(properties.startOffset(3)).isEqualTo(OFFSET_BEGINNING);
    }

    @Test
    void partitionsWithoutOffsetsUseTheDefault()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0,1"));

        assertThat(properties.startOffset(0)).isEqualTo(OFFSET_END);
        assertThat(properties.startOffset(1)).isEqualTo(OFFSET_END);
    }

    @Test
    void offsetsCountMustMatchPartitions()
    {
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0,1", "kafka_offsets", "0"),
                "Partitions number should be equals to offsets number");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_offsets", "0"),
                "Partitions number should be equals to offsets number");
    }

    @Test
    void badOffsetsAndPartitionsAreRejected()
    {
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0", "kafka_offsets", "-1"),
                "Can not specify offset smaller than 0");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0", "kafka_offsets", "latest"),
                "kafka offset must be a integer: latest");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "property.kafka_default_offsets", "earliest"),
                "kafka offset must be a integer: earliest");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0,x"),
                "kafka_partitions must be a number string with comma-separated");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "-1"),
                "kafka_partitions must be a number string with comma-separated");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "99999999999"),
                "kafka_partitions must be a number string with comma-separated");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", " "), "kafka_partitions could not be a empty string");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0,0"), "kafka_partitions lists partition 0 more than once");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0", "kafka_offsets", ""),
                "kafka_offsets could not be a empty string");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_partitions", "0,1", "kafka_offsets", "1,"),
                "kafka offset could not be a empty string");
    }

    @Test
    void brokersAreHostAndPort()
    {
        assertInvalid(ordered("kafka_broker_list", "b", "kafka_topic", "t"), "kafka_broker_list:b not match pattern host:port");
        assertInvalid(ordered("kafka_broker_list", "b:9092,", "kafka_topic", "t"), "kafka_broker_list: not match pattern host:port");
        assertInvalid(ordered("kafka_broker_list", "b:x", "kafka_topic", "t"), "kafka_broker_list:b:x not match pattern host:port");
        assertInvalid(ordered("kafka_broker_list", "b:70000", "kafka_topic", "t"), "kafka_broker_list:b:70000 not match pattern host:port");
        assertThat(new KafkaSourceProperties(ordered("kafka_broker_list", "h1:9092, [::1]:9093", "kafka_topic", "t")).brokerList())
                .isEqualTo("h1:9092, [::1]:9093");
    }

    @Test
    void knownConsumerSettingsAreValidatedWithoutShowingSecrets()
    {
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "property.isolation.level", "read_dirty"),
                "Invalid kafka property isolation.level: Invalid value read_dirty");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "property.max.poll.records", "many"),
                "Invalid kafka property max.poll.records");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "property.", "x"), "kafka property value could not be a empty string");
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t",
                "property.isolation.level", "read_committed", "property.some.future.setting", "1"));
        assertThat(properties.consumerProperties()).containsEntry("isolation.level", "read_committed").containsEntry("some.future.setting", "1");
    }

    @Test
    void secretValuesAreMasked()
    {
        assertThat(KafkaSourceProperties.displayValue("property.sasl.jaas.config", "x required password=\"p\";")).isEqualTo("******");
        assertThat(KafkaSourceProperties.displayValue("ssl.key.password", "p")).isEqualTo("******");
        assertThat(KafkaSourceProperties.displayValue("property.security.protocol", "SASL_SSL")).isEqualTo("SASL_SSL");
    }

    @Test
    void unknownPropertyIsRejected()
    {
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "group.id", "g"), "group.id is invalid kafka custom property");
        assertInvalid(ordered("kafka_broker_list", "b:9092", "kafka_topic", "t", "kafka_default_offsets", "OFFSET_END"),
                "kafka_default_offsets is invalid kafka custom property");
    }

    @Test
    void keysIgnoreCase()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered("KAFKA_BROKER_LIST", "b:9092", "Kafka_Topic", " t "));

        assertThat(properties.brokerList()).isEqualTo("b:9092");
        assertThat(properties.topic()).isEqualTo("t");
    }

    @Test
    void customPropertiesPassThroughWithoutTheirPrefix()
    {
        KafkaSourceProperties properties = new KafkaSourceProperties(ordered(
                "kafka_broker_list", "b:9092", "kafka_topic", "t",
                "property.security.protocol", "SASL_PLAINTEXT",
                "property.group.id", "my_group",
                "property.sasl.mechanism", "PLAIN",
                "property.kafka_default_offsets", "OFFSET_BEGINNING",
                "property.client.id", "sluice-client"));

        assertThat(properties.groupId()).contains("my_group");
        assertThat(properties.consumerProperties()).containsExactly(
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("client.id", "sluice-client"));
        assertThatThrownBy(() -> properties.consumerProperties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void secrets()
    {
        assertThat(KafkaSourceProperties.isSecret("sasl.jaas.config")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("SASL.JAAS.CONFIG")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("ssl.key.password")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("ssl.truststore.password")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("my.api.secret")).isTrue();
        assertThat(KafkaSourceProperties.isSecret("security.protocol")).isFalse();
        assertThat(KafkaSourceProperties.isSecret("group.id")).isFalse();
        assertThat(KafkaSourceProperties.isSecret("kafka_default_offsets")).isFalse();
        assertThat(KafkaSourceProperties.isSecret("ssl.keystore.location")).isFalse();
    }

    private static void assertInvalid(Map<String, String> properties, String message)
    {
        assertThatThrownBy(() -> new KafkaSourceProperties(properties))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining(message);
    }

    private static Map<String, String> ordered(String... keysAndValues)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
