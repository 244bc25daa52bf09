package io.sluice.loader.kafka;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

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
 * The FROM KAFKA (...) properties of a routine load, validated with StarRocks' messages. CREATE does not contact
 * Kafka: only the form of each value is checked here (a {@code property.*} value that Kafka's consumer knows is
 * checked against the consumer's own definition).
 */
public final class KafkaSourceProperties
{
    public static final String OFFSET_BEGINNING = "OFFSET_BEGINNING";
    public static final String OFFSET_END = "OFFSET_END";
    public static final String MASK = "******";
    public static final String PROPERTY_PREFIX = "property.";

    private static final Set<String> PASSWORD_CONFIGS = passwordConfigs();
    private static final Map<String, ConfigDef.ConfigKey> CONSUMER_CONFIGS = ConsumerConfig.configDef().configKeys();

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
        String partitionsText = null;
        String offsetsText = null;
        Map<String, String> custom = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey().trim();
            String value = entry.getValue().trim();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "kafka_broker_list" -> brokers = value;
                case "kafka_topic" -> topicName = value;
                case "kafka_partitions" -> partitionsText = value;
                case "kafka_offsets" -> offsetsText = value;
                default -> {
                    if (!key.toLowerCase(Locale.ROOT).startsWith(PROPERTY_PREFIX)) {
                        throw invalid(key + " is invalid kafka custom property");
                    }
                    String name = key.substring(PROPERTY_PREFIX.length());
                    if (name.isEmpty()) {
                        throw invalid("kafka property value could not be a empty string");
                    }
                    custom.put(name, value);
                }
            }
        }
        if (brokers == null || brokers.isEmpty()) {
            throw invalid("kafka_broker_list is a required property");
        }
        validateBrokerList(brokers);
        if (topicName == null || topicName.isEmpty()) {
            throw invalid("kafka_topic is a required property");
        }
        String defaultOffsetText = Optional.ofNullable(custom.remove("kafka_default_offsets")).orElse(OFFSET_END);
        List<Integer> partitionList = partitionsText == null ? List.of() : parsePartitions(partitionsText);
        List<String> offsetList = offsetsText == null ? List.of() : parseOffsets(offsetsText, partitionList.size());
        for (Map.Entry<String, String> entry : custom.entrySet()) {
            validateConsumerProperty(entry.getKey(), entry.getValue());
        }
        this.brokerList = brokers;
        this.topic = topicName;
        this.partitions = List.copyOf(partitionList);
        this.offsets = List.copyOf(offsetList);
        this.defaultOffset = normalizeOffset(defaultOffsetText);
        this.groupId = Optional.ofNullable(custom.remove("group.id")).filter(value -> !value.isEmpty());
        this.consumerProperties = unmodifiableMap(custom);
    }

    /** Each broker is host:port, as Kafka's bootstrap.servers needs. */
    private static void validateBrokerList(String brokers)
    {
        for (String broker : brokers.split(",", -1)) {
            String trimmed = broker.trim();
            int colon = trimmed.lastIndexOf(':');
            boolean valid = colon > 0 && colon < trimmed.length() - 1 && trimmed.indexOf(' ') < 0;
            if (valid) {
                try {
                    int port = Integer.parseInt(trimmed.substring(colon + 1));
                    valid = port > 0 && port <= 65535;
                }
                catch (NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw invalid("kafka_broker_list:" + trimmed + " not match pattern host:port");
            }
        }
    }

    /** "0,1,2": StarRocks' messages for an empty list or a part that is not a partition number. */
    public static List<Integer> parsePartitions(String text)
    {
        String compact = text.replace(" ", "");
        if (compact.isEmpty()) {
            throw invalid("kafka_partitions could not be a empty string");
        }
        List<Integer> result = new ArrayList<>();
        for (String part : compact.split(",", -1)) {
            int partition;
            try {
                partition = Integer.parseInt(part);
            }
            catch (NumberFormatException e) {
                throw invalid("kafka_partitions must be a number string with comma-separated");
            }
            if (partition < 0) {
                throw invalid("kafka_partitions must be a number string with comma-separated");
            }
            if (result.contains(partition)) {
                throw invalid("kafka_partitions lists partition " + partition + " more than once");
            }
            result.add(partition);
        }
        return result;
    }

    /** One offset per listed partition: an integer >= 0, OFFSET_BEGINNING or OFFSET_END (normalized to upper case). */
    public static List<String> parseOffsets(String text, int partitionCount)
    {
        String compact = text.replace(" ", "");
        if (compact.isEmpty()) {
            throw invalid("kafka_offsets could not be a empty string");
        }
        String[] parts = compact.split(",", -1);
        if (parts.length != partitionCount) {
            throw invalid("Partitions number should be equals to offsets number");
        }
        List<String> result = new ArrayList<>();
        for (String part : parts) {
            result.add(normalizeOffset(part));
        }
        return result;
    }

    /** An offset as StarRocks reads it: "kafka offset must be a integer: x", "Can not specify offset smaller than 0". */
    public static String normalizeOffset(String offset)
    {
        String text = offset.trim();
        if (text.equalsIgnoreCase(OFFSET_BEGINNING) || text.equalsIgnoreCase(OFFSET_END)) {
            return text.toUpperCase(Locale.ROOT);
        }
        if (text.isEmpty()) {
            throw invalid("kafka offset could not be a empty string");
        }
        long value;
        try {
            value = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw invalid("kafka offset must be a integer: " + text);
        }
        if (value < 0) {
            throw invalid("Can not specify offset smaller than 0");
        }
        return Long.toString(value);
    }

    /** A setting the Kafka consumer defines must parse and pass its validator (e.g. isolation.level's two values). */
    private static void validateConsumerProperty(String name, String value)
    {
        ConfigDef.ConfigKey definition = CONSUMER_CONFIGS.get(name);
        if (definition == null) {
            // Not a consumer setting Kafka knows (a typo, or one of a newer client): the consumer logs and ignores it.
            return;
        }
        try {
            Object parsed = ConfigDef.parseType(name, value, definition.type);
            if (definition.validator != null) {
                definition.validator.ensureValid(name, parsed);
            }
        }
        catch (ConfigException e) {
            // Kafka's message quotes the value: never for a secret.
            throw invalid(isSecret(name) ? "Invalid value for kafka property " + name : "Invalid kafka property " + name + ": " + e.getMessage());
        }
    }

    static SluiceException invalid(String message)
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
            return offsets.get(index);
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
        if (lower.startsWith(PROPERTY_PREFIX)) {
            lower = lower.substring(PROPERTY_PREFIX.length());
        }
        return lower.contains("password") || lower.contains("secret") || lower.contains("sasl.jaas.config") || lower.startsWith("ssl.key.")
                || lower.equals("ssl.keystore.key") || lower.contains("token") || lower.contains("credential") || PASSWORD_CONFIGS.contains(lower);
    }

    /** The value to show for a property: {@value #MASK} for a secret. */
    public static String displayValue(String key, String value)
    {
        return isSecret(key) ? MASK : value;
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
