package io.sluice.loader.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * What a CREATE ROUTINE LOAD statement says, as written: names, load properties, job properties and data source
 * properties (Kafka's, including {@code property.*}). Validation happens in {@link JobProperties} and
 * {@code KafkaSourceProperties}; this record is also the persisted form of a job (see {@link #serialize()}).
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
        Map<String, String> dataSourceProperties)
{
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
                columnSeparator, rowDelimiter, partitions, job, required(sourceType, "sourceType"), source);
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
