package io.sluice.loader.kafka;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Collections.unmodifiableMap;

/**
 * The FROM KAFKA (...) properties of a routine load, validated. CREATE does not contact Kafka.
 */
public final class KafkaSourceProperties
{
    public static final String OFFSET_BEGINNING = "OFFSET_BEGINNING";
    public static final String OFFSET_END = "OFFSET_END";

    private static final Set<String> PASSWORD_CONFIGS = passwordConfigs();

    private final String brokerList;
    private final String topic;
    private final List<Integer> partitions;
    private final List<String> offsets;
    private final String defaultOffset;
    private final Optional<String> groupId;
    private final Map<String, String> consumerProperties;

    public KafkaSourceProperties(Map<String, String> properties)
    {
        String brokers = null;
        String topicName = null;
        List<Integer> partitionList = List.of();
        List<String> offsetList = List.of();
        Map<String, String> custom = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey().trim();
            String value = entry.getValue().trim();
            switch (key.toLowerCase()) {
                case "kafka_broker_list" -> brokers = value;
                case "kafka_topic" -> topicName = value;
                case "kafka_partitions" -> partitionList = parsePartitions(value);
                case "kafka_offsets" -> offsetList = splitList(value);
                default -> {
                    if (!key.startsWith("property.")) {
                        throw invalid(key + " is invalid kafka custom property");
                    }
                    custom.put(key.substring("property.".length()), value);
                }
            }
        }
        if (brokers == null || brokers.isEmpty()) {
            throw invalid("kafka_broker_list is a required property");
        }
        if (topicName == null || topicName.isEmpty()) {
            throw invalid("kafka_topic is a required property");
        }
        if (!offsetList.isEmpty() && offsetList.size() != partitionList.size()) {
            throw invalid("Partitions number should be equals to offsets number");
        }
        for (String offset : offsetList) {
            validateOffset(offset);
        }
        String defaultOffsetValue = Optional.ofNullable(custom.remove("kafka_default_offsets")).orElse(OFFSET_END).toUpperCase();
        validateOffset(defaultOffsetValue);
        this.brokerList = brokers;
        this.topic = topicName;
        this.partitions = List.copyOf(partitionList);
        this.offsets = List.copyOf(offsetList);
        this.defaultOffset = defaultOffsetValue;
        this.groupId = Optional.ofNullable(custom.remove("group.id"));
        this.consumerProperties = unmodifiableMap(custom);
    }

    private static List<Integer> parsePartitions(String value)
    {
        List<Integer> result = new ArrayList<>();
        for (String part : splitList(value)) {
            try {
                int partition = Integer.parseInt(part);
                if (partition < 0) {
                    throw new NumberFormatException();
                }
                result.add(partition);
            }
            catch (NumberFormatException e) {
                throw invalid("Invalid kafka partition: '" + part + "'");
            }
        }
        return result;
    }

    private static List<String> splitList(String value)
    {
        List<String> result = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                result.add(part.trim());
            }
        }
        return result;
    }

    private static void validateOffset(String offset)
    {
        if (offset.equalsIgnoreCase(OFFSET_BEGINNING) || offset.equalsIgnoreCase(OFFSET_END)) {
            return;
        }
        try {
            if (Long.parseLong(offset) >= 0) {
                return;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid("Invalid kafka offset: '" + offset + "'; use an integer >= 0, OFFSET_BEGINNING or OFFSET_END");
    }

    private static SluiceException invalid(String message)
    {
        return new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, message);
    }

    public String brokerList()
    {
        return brokerList;
    }

    public String topic()
    {
        return topic;
    }

    /** Partitions named in kafka_partitions; empty means all partitions of the topic. */
    public List<Integer> partitions()
    {
        return partitions;
    }

    /** Start offset for a partition of kafka_partitions, or the default offset. */
    public String startOffset(int partition)
    {
        int index = partitions.indexOf(partition);
        if (index >= 0 && index < offsets.size()) {
            return offsets.get(index).toUpperCase();
        }
        return defaultOffset;
    }

    public String defaultOffset()
    {
        return defaultOffset;
    }

    public Optional<String> groupId()
    {
        return groupId;
    }

    /** The property.* entries handed to the consumer, without the prefix (group.id and kafka_default_offsets removed). */
    public Map<String, String> consumerProperties()
    {
        return consumerProperties;
    }

    /** Whether a property's value must never be shown or logged. */
    public static boolean isSecret(String key)
    {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("sasl.jaas.config") || PASSWORD_CONFIGS.contains(lower);
    }

    /** The consumer settings Kafka itself treats as passwords (ssl.keystore.key holds a private key, for one). */
    private static Set<String> passwordConfigs()
    {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, ConfigDef.ConfigKey> entry : ConsumerConfig.configDef().configKeys().entrySet()) {
            if (entry.getValue().type == ConfigDef.Type.PASSWORD) {
                names.add(entry.getKey().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }
}
