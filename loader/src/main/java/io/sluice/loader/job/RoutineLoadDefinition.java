package io.sluice.loader.job;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * What a CREATE ROUTINE LOAD statement says, as written: names, load properties, job properties and data source
 * properties (Kafka's, including {@code property.*}). Validation happens in {@link JobProperties} and
 * {@code KafkaSourceProperties}; this record is also the persisted form of a job (see {@link #serialize()}).
 *
 * @param creator the account that created the job ({@code user@host}); the job loads with its privileges. Empty
 * for jobs created without accounts (a trusted session): they are never refused.
 */
public record RoutineLoadDefinition(
        String databaseName,
        String name,
        String tableName,
        List<ColumnMapping> columns,
        Optional<String> where,
        Optional<String> columnSeparator,
        Optional<String> rowDelimiter,
        List<String> partitions,
        Map<String, String> jobProperties,
        String dataSourceType,
        Map<String, String> dataSourceProperties,
        String creator)
{
    public static final int MAX_SEPARATOR_BYTES = 50;

    public RoutineLoadDefinition
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(tableName, "tableName is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(where, "where is null");
        requireNonNull(columnSeparator, "columnSeparator is null");
        requireNonNull(rowDelimiter, "rowDelimiter is null");
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        jobProperties = unmodifiableMap(new LinkedHashMap<>(requireNonNull(jobProperties, "jobProperties is null")));
        requireNonNull(dataSourceType, "dataSourceType is null");
        dataSourceProperties = unmodifiableMap(new LinkedHashMap<>(requireNonNull(dataSourceProperties, "dataSourceProperties is null")));
        requireNonNull(creator, "creator is null");
    }

    /** A job of a trusted session, without a creator. */
    public RoutineLoadDefinition(String databaseName, String name, String tableName, List<ColumnMapping> columns, Optional<String> where,
            Optional<String> columnSeparator, Optional<String> rowDelimiter, List<String> partitions, Map<String, String> jobProperties,
            String dataSourceType, Map<String, String> dataSourceProperties)
    {
        this(databaseName, name, tableName, columns, where, columnSeparator, rowDelimiter, partitions, jobProperties, dataSourceType, dataSourceProperties, "");
    }

    /** The same job, created by this account. */
    public RoutineLoadDefinition withCreator(String account)
    {
        return new RoutineLoadDefinition(databaseName, name, tableName, columns, where, columnSeparator, rowDelimiter, partitions, jobProperties,
                dataSourceType, dataSourceProperties, account);
    }

    /** The column separator the decoder splits on: as written (hex {@code \x01} / {@code 0x01} decoded), tab by default. */
    public String columnSeparatorValue()
    {
        return columnSeparator.map(text -> separatorValue("COLUMNS TERMINATED BY", text)).orElse("\t");
    }

    /** The row delimiter the decoder splits on: as written (hex decoded), newline by default. */
    public String rowDelimiterValue()
    {
        return rowDelimiter.map(text -> separatorValue("ROWS TERMINATED BY", text)).orElse("\n");
    }

    /** Checks what a statement wrote in its load properties: separators non-empty, valid hex, at most 50 bytes. */
    public void validateLoadProperties()
    {
        columnSeparatorValue();
        rowDelimiterValue();
        if (columnSeparator.isPresent() && rowDelimiter.isPresent() && columnSeparatorValue().equals(rowDelimiterValue())) {
            throw invalid("The column separator and the row delimiter must differ");
        }
    }

    /**
     * A separator as StarRocks reads it: text, or bytes in hex after {@code \x} or {@code 0x} (decoded as UTF-8,
     * since messages are decoded as UTF-8 text); at most {@value #MAX_SEPARATOR_BYTES} bytes.
     */
    static String separatorValue(String clause, String text)
    {
        if (text.isEmpty()) {
            throw invalid("Delimiter cannot be empty or null");
        }
        String value = text;
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("\\X") || upper.startsWith("0X")) {
            String hex = text.substring(2);
            if (hex.isEmpty()) {
                throw invalid("Invalid delimiter '" + text + "': empty hex string");
            }
            if (hex.length() % 2 != 0) {
                throw invalid("Invalid delimiter '" + text + "': hex length must be a even number");
            }
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                int high = Character.digit(hex.charAt(2 * i), 16);
                int low = Character.digit(hex.charAt(2 * i + 1), 16);
                if (high < 0 || low < 0) {
                    throw invalid("Invalid delimiter '" + text + "': invalid hex format");
                }
                bytes[i] = (byte) (high << 4 | low);
            }
            try {
                value = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
            catch (CharacterCodingException e) {
                throw invalid("Invalid delimiter '" + text + "': the bytes are not UTF-8 text");
            }
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_SEPARATOR_BYTES) {
            throw invalid(clause + " '" + text + "' is longer than " + MAX_SEPARATOR_BYTES + " bytes");
        }
        return value;
    }

    private static SluiceException invalid(String message)
    {
        return new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, message);
    }

    /**
     * This definition with an ALTER applied: each load property written replaces the current one, job properties
     * replace by key (ignoring case), {@code kafka_broker_list} and {@code property.*} replace by key. Offsets of
     * kafka_partitions/kafka_offsets are progress, not definition: the caller applies them.
     */
    public RoutineLoadDefinition altered(RoutineLoadAlteration alteration)
    {
        Map<String, String> job = replaceIgnoringCase(jobProperties, alteration.jobProperties());
        Map<String, String> sourceChanges = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : alteration.dataSourceProperties().entrySet()) {
            String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
            if (!key.equals("kafka_partitions") && !key.equals("kafka_offsets")) {
                sourceChanges.put(entry.getKey().trim(), entry.getValue());
            }
        }
        Map<String, String> source = replaceIgnoringCase(dataSourceProperties, sourceChanges);
        return new RoutineLoadDefinition(databaseName, name, tableName,
                alteration.columns().orElse(columns),
                alteration.where().isPresent() ? alteration.where() : where,
                alteration.columnSeparator().isPresent() ? alteration.columnSeparator() : columnSeparator,
                alteration.rowDelimiter().isPresent() ? alteration.rowDelimiter() : rowDelimiter,
                alteration.partitions().orElse(partitions),
                job, dataSourceType, source, creator);
    }

    private static Map<String, String> replaceIgnoringCase(Map<String, String> current, Map<String, String> changes)
    {
        Map<String, String> result = new LinkedHashMap<>(current);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String existing = null;
            for (String key : result.keySet()) {
                if (key.trim().equalsIgnoreCase(change.getKey().trim())) {
                    existing = key;
                    break;
                }
            }
            if (existing != null) {
                result.put(existing, change.getValue());
            }
            else {
                result.put(change.getKey().trim(), change.getValue());
            }
        }
        return result;
    }

    /** One line per field, {@code key<TAB>value} with backslash escapes; keeps the written order. */
    public String serialize()
    {
        StringBuilder text = new StringBuilder();
        line(text, "database", databaseName);
        line(text, "name", name);
        line(text, "table", tableName);
        for (ColumnMapping column : columns) {
            line(text, "column", column.name());
            column.expression().ifPresent(expression -> line(text, "column.expression", expression));
        }
        where.ifPresent(value -> line(text, "where", value));
        columnSeparator.ifPresent(value -> line(text, "columnSeparator", value));
        rowDelimiter.ifPresent(value -> line(text, "rowDelimiter", value));
        partitions.forEach(partition -> line(text, "partition", partition));
        jobProperties.forEach((key, value) -> line(text, "job." + key, value));
        line(text, "sourceType", dataSourceType);
        dataSourceProperties.forEach((key, value) -> line(text, "source." + key, value));
        if (!creator.isEmpty()) {
            line(text, "creator", creator);
        }
        return text.toString();
    }

    public static RoutineLoadDefinition deserialize(String text)
    {
        String database = null;
        String name = null;
        String table = null;
        List<ColumnMapping> columns = new ArrayList<>();
        Optional<String> where = Optional.empty();
        Optional<String> columnSeparator = Optional.empty();
        Optional<String> rowDelimiter = Optional.empty();
        List<String> partitions = new ArrayList<>();
        Map<String, String> job = new LinkedHashMap<>();
        String sourceType = null;
        Map<String, String> source = new LinkedHashMap<>();
        String creator = "";
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            // Keys are escaped too (property keys may hold any character), so the first raw tab ends the key.
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("Corrupt line in a stored routine load definition: '" + line + "'");
            }
            String key = unescape(line.substring(0, tab));
            String value = unescape(line.substring(tab + 1));
            switch (key) {
                case "database" -> database = value;
                case "name" -> name = value;
                case "table" -> table = value;
                case "column" -> columns.add(new ColumnMapping(value, Optional.empty()));
                case "column.expression" -> {
                    if (columns.isEmpty()) {
                        throw new IllegalArgumentException("A stored routine load definition has column.expression before any column");
                    }
                    ColumnMapping last = columns.remove(columns.size() - 1);
                    columns.add(new ColumnMapping(last.name(), Optional.of(value)));
                }
                case "where" -> where = Optional.of(value);
                case "columnSeparator" -> columnSeparator = Optional.of(value);
                case "rowDelimiter" -> rowDelimiter = Optional.of(value);
                case "partition" -> partitions.add(value);
                case "sourceType" -> sourceType = value;
                case "creator" -> creator = value;
                default -> {
                    if (key.startsWith("job.")) {
                        job.put(key.substring(4), value);
                    }
                    else if (key.startsWith("source.")) {
                        source.put(key.substring(7), value);
                    }
                    else {
                        throw new IllegalArgumentException("Unknown field in a stored routine load definition: " + key);
                    }
                }
            }
        }
        return new RoutineLoadDefinition(required(database, "database"), required(name, "name"), required(table, "table"), columns, where,
                columnSeparator, rowDelimiter, partitions, job, required(sourceType, "sourceType"), source, creator);
    }

    private static String required(String value, String key)
    {
        if (value == null) {
            throw new IllegalArgumentException("A stored routine load definition has no " + key);
        }
        return value;
    }

    private static void line(StringBuilder text, String key, String value)
    {
        escape(text, key);
        text.append('\t');
        escape(text, value);
        text.append('\n');
    }

    private static void escape(StringBuilder text, String value)
    {
        for (int i = 0; i < value.length(); i++) {
            char character = value.charAt(i);
            switch (character) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(character);
            }
        }
    }

    private static String unescape(String value)
    {
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char character = value.charAt(i);
            if (character == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                result.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> next;
                });
            }
            else {
                result.append(character);
            }
        }
        return result.toString();
    }
}
