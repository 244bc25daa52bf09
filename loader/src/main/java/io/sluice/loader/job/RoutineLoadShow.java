package io.sluice.loader.job;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.sluice.loader.kafka.KafkaSourceProperties;
import io.sluice.storage.load.LoadJobCounters;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What SHOW ROUTINE LOAD, SHOW ROUTINE LOAD TASK and SHOW CREATE ROUTINE LOAD print, with StarRocks' columns in
 * StarRocks' order and its JSON shapes. Secrets ({@link KafkaSourceProperties#isSecret}) are masked everywhere.
 */
public final class RoutineLoadShow
{
    public static final List<String> COLUMNS = List.of(
            "Id", "Name", "CreateTime", "PauseTime", "EndTime", "DbName", "TableName", "State", "DataSourceType",
            "CurrentTaskNum", "JobProperties", "DataSourceProperties", "CustomProperties", "Statistic", "Progress",
            "TimestampProgress", "ReasonOfStateChanged", "ErrorLogUrls", "TrackingSQL", "OtherMsg",
            "LatestSourcePosition", "OffsetLag");

    public static final List<String> TASK_COLUMNS = List.of(
            "TaskId", "TxnId", "TxnStatus", "JobId", "CreateTime", "LastScheduledTime", "ExecuteStartTime", "Timeout", "BeId",
            "DataSourceProperties", "Message");

    public static final List<String> CREATE_COLUMNS = List.of("Job", "Create Job");

    public static final String OFFSET_ZERO = "OFFSET_ZERO";

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private RoutineLoadShow() {}

    /** One row of SHOW ROUTINE LOAD, in {@link #COLUMNS} order; times are {@code yyyy-MM-dd HH:mm:ss} or null. */
    public static List<String> row(RoutineLoadJob job)
    {
        RoutineLoadDefinition definition = job.definition();
        JobState state = job.state();
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(Long.toString(job.id()));
        row.add(definition.name());
        row.add(time(Optional.of(job.createTimeMillis())));
        row.add(time(job.pauseTimeMillis()));
        row.add(time(job.endTimeMillis()));
        row.add(definition.databaseName());
        row.add(definition.tableName());
        row.add(job.displayState());
        row.add(definition.dataSourceType().toUpperCase());
        row.add(Integer.toString(currentTaskCount(job)));
        row.add(json(jobProperties(job)));
        row.add(json(dataSourceProperties(job)));
        row.add(json(customProperties(job)));
        row.add(json(statistic(job.counters())));
        row.add(json(progress(job)));
        row.add(json(numberStrings(job.timestampProgress())));
        // As StarRocks: a reason only while it explains the state (a resumed job shows none); UNSTABLE is explained too.
        row.add(state == JobState.PAUSED || state.isFinal() ? job.stateReason().orElse("")
                : state == JobState.RUNNING ? job.unstableReason().orElse("") : "");
        row.add("");
        row.add(trackingSql(job));
        row.add(otherMessage(job));
        row.add(json(numberStrings(job.latestOffsets())));
        row.add(json(offsetLag(job)));
        return row;
    }

    /** The query returning the job's rejected records; empty until the job has rejected something, as in StarRocks. */
    public static String trackingSql(RoutineLoadJob job)
    {
        if (job.counters().errorRows() == 0) {
            return "";
        }
        return "select tracking_log from information_schema.load_tracking_logs where job_id=" + job.id();
    }

    public static int currentTaskCount(RoutineLoadJob job)
    {
        JobState state = job.state();
        return state == JobState.RUNNING || state == JobState.NEED_SCHEDULE ? job.currentTaskCount() : 0;
    }

    private static String otherMessage(RoutineLoadJob job)
    {
        String message = job.otherMessage();
        if (message.isEmpty() && job.state() == JobState.RUNNING) {
            return job.unstableReason().orElse("");
        }
        return message;
    }

    /** StarRocks' keys (maxBatchIntervalS, desireTaskConcurrentNum, ...) with the job's effective values. */
    private static Map<String, Object> jobProperties(RoutineLoadJob job)
    {
        RoutineLoadDefinition definition = job.definition();
        JobProperties properties = job.properties();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("partitions", definition.partitions().isEmpty() ? "*" : String.join(",", definition.partitions()));
        values.put("partial_update", Boolean.toString(properties.partialUpdate()));
        values.put("columnToColumnExpr", definition.columns().isEmpty() ? "*" : columnsText(definition));
        values.put("maxBatchIntervalS", Long.toString(properties.maxBatchIntervalSeconds()));
        values.put("whereExpr", definition.where().orElse("*"));
        values.put("timezone", properties.timeZone());
        values.put("format", properties.format());
        if (properties.format().equals("csv")) {
            values.put("columnSeparator", definition.columnSeparator().map(text -> "'" + text + "'").orElse("\t"));
            values.put("rowDelimiter", definition.rowDelimiter().map(text -> "'" + text + "'").orElse("\n"));
            values.put("trim_space", Boolean.toString(properties.trimSpace()));
            properties.enclose().ifPresent(enclose -> values.put("enclose", enclose));
            properties.escape().ifPresent(escape -> values.put("escape", escape));
        }
        values.put("log_rejected_record_num", Integer.toString(properties.logRejectedRecordNumber()));
        values.put("taskTimeoutSecond", Long.toString(properties.taskTimeoutSeconds()));
        values.put("json_root", properties.jsonRoot().orElse(""));
        values.put("maxFilterRatio", Double.toString(properties.maxFilterRatio()));
        values.put("strict_mode", Boolean.toString(properties.strictMode()));
        values.put("jsonpaths", writtenJobProperty(definition, "jsonpaths").orElse(""));
        values.put("taskConsumeSecond", Long.toString(properties.taskConsumeSeconds()));
        values.put("desireTaskConcurrentNum", Integer.toString(properties.desiredConcurrentNumber()));
        values.put("maxErrorNum", Long.toString(properties.maxErrorNumber()));
        values.put("strip_outer_array", Boolean.toString(properties.stripOuterArray()));
        values.put("currentTaskConcurrentNum", Integer.toString(currentTaskCount(job)));
        values.put("maxBatchRows", Long.toString(properties.maxBatchRows()));
        properties.mergeCondition().ifPresent(column -> values.put("merge_condition", column));
        values.put("pause_on_fatal_parse_error", Boolean.toString(properties.pauseOnFatalParseError()));
        return values;
    }

    private static Optional<String> writtenJobProperty(RoutineLoadDefinition definition, String key)
    {
        for (Map.Entry<String, String> entry : definition.jobProperties().entrySet()) {
            if (entry.getKey().trim().equalsIgnoreCase(key)) {
                return Optional.of(entry.getValue().trim());
            }
        }
        return Optional.empty();
    }

    private static String columnsText(RoutineLoadDefinition definition)
    {
        List<String> parts = new ArrayList<>();
        for (ColumnMapping column : definition.columns()) {
            parts.add(column.expression().map(expression -> column.name() + "=" + expression).orElse(column.name()));
        }
        return String.join(",", parts);
    }

    private static Map<String, Object> dataSourceProperties(RoutineLoadJob job)
    {
        KafkaSourceProperties source = job.source();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("topic", source.topic());
        List<String> partitions = new ArrayList<>();
        for (int partition : knownPartitions(job)) {
            partitions.add(Integer.toString(partition));
        }
        values.put("currentKafkaPartitions", String.join(",", partitions));
        values.put("brokerList", source.brokerList());
        return values;
    }

    /** The partitions the job has consumed, was told to consume, or has seen on the broker. */
    private static TreeSet<Integer> knownPartitions(RoutineLoadJob job)
    {
        TreeSet<Integer> partitions = new TreeSet<>(job.committedOffsets().keySet());
        partitions.addAll(job.source().partitions());
        if (job.source().partitions().isEmpty()) {
            partitions.addAll(job.latestOffsets().keySet());
        }
        return partitions;
    }

    private static Map<String, Object> customProperties(RoutineLoadJob job)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : job.definition().dataSourceProperties().entrySet()) {
            String key = entry.getKey().trim();
            if (key.toLowerCase(Locale.ROOT).startsWith(KafkaSourceProperties.PROPERTY_PREFIX)) {
                String name = key.substring(KafkaSourceProperties.PROPERTY_PREFIX.length());
                values.put(name, KafkaSourceProperties.displayValue(name, entry.getValue().trim()));
            }
        }
        return values;
    }

    /** StarRocks' Statistic; the rates are per second of task execution time. */
    static Map<String, Object> statistic(LoadJobCounters counters)
    {
        long millis = Math.max(1, counters.taskExecuteTimeMillis());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("receivedBytes", counters.receivedBytes());
        values.put("errorRows", counters.errorRows());
        values.put("committedTaskNum", counters.committedTaskCount());
        values.put("loadedRows", counters.loadedRows());
        values.put("loadRowsRate", counters.loadedRows() * 1000 / millis);
        values.put("abortedTaskNum", counters.abortedTaskCount());
        values.put("totalRows", counters.totalRows());
        values.put("unselectedRows", counters.unselectedRows());
        values.put("receivedBytesRate", counters.receivedBytes() * 1000 / millis);
        values.put("taskExecuteTimeMs", counters.taskExecuteTimeMillis());
        return values;
    }

    /**
     * Per partition the last consumed offset (the stored next offset minus 1); before anything was consumed the start
     * position: OFFSET_BEGINNING, OFFSET_END, or for a start at offset 0, OFFSET_ZERO (as StarRocks shows them).
     */
    private static Map<String, Object> progress(RoutineLoadJob job)
    {
        Map<Integer, Long> committed = job.committedOffsets();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int partition : knownPartitions(job)) {
            Long next = committed.get(partition);
            String start = job.source().startOffset(partition);
            if (next == null && !isNumber(start)) {
                values.put(Integer.toString(partition), start);
                continue;
            }
            long nextOffset = next != null ? next : Long.parseLong(start);
            values.put(Integer.toString(partition), nextOffset == 0 ? OFFSET_ZERO : Long.toString(nextOffset - 1));
        }
        return values;
    }

    /** Per partition, messages on the broker not loaded yet: 0 when caught up. */
    private static Map<String, Object> offsetLag(RoutineLoadJob job)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        offsetLagByPartition(job).forEach((partition, lag) -> values.put(Integer.toString(partition), Long.toString(lag)));
        return values;
    }

    /** Per partition (in order) the OffsetLag column's value: messages on the broker not loaded yet, 0 when caught up. */
    public static Map<Integer, Long> offsetLagByPartition(RoutineLoadJob job)
    {
        Map<Integer, Long> values = new TreeMap<>();
        Map<Integer, Long> committed = job.committedOffsets();
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(job.latestOffsets()).entrySet()) {
            int partition = entry.getKey();
            long latest = entry.getValue();
            Long next = committed.get(partition);
            long lag;
            if (next != null) {
                lag = latest - next;
            }
            else {
                String start = job.source().startOffset(partition);
                // OFFSET_END starts at the end: nothing to catch up; OFFSET_BEGINNING may start anywhere up to the end.
                lag = isNumber(start) ? latest - Long.parseLong(start) : start.equals(KafkaSourceProperties.OFFSET_END) ? 0 : latest;
            }
            values.put(partition, Math.max(0, lag));
        }
        return values;
    }

    private static boolean isNumber(String offset)
    {
        return !offset.isEmpty() && Character.isDigit(offset.charAt(0));
    }

    /** The rows of SHOW ROUTINE LOAD TASK, in {@link #TASK_COLUMNS} order, from the job's running tasks. */
    public static List<List<String>> taskRows(RoutineLoadJob job)
    {
        List<List<String>> rows = new ArrayList<>();
        for (TaskStatus task : job.taskStatuses()) {
            List<String> row = new ArrayList<>(TASK_COLUMNS.size());
            row.add(task.taskId());
            // No transactions or backends here: a task commits each batch in storage's single atomic commit.
            row.add(null);
            row.add(task.state());
            row.add(Long.toString(task.jobId()));
            row.add(time(Optional.of(task.createTimeMillis())));
            row.add(time(task.lastCommitTimeMillis()));
            row.add(time(Optional.of(task.createTimeMillis())));
            row.add(Long.toString(task.timeoutSeconds()));
            row.add(null);
            Map<String, Object> offsets = new LinkedHashMap<>();
            for (int partition : new TreeSet<>(task.partitions())) {
                Long next = task.nextOffsets().get(partition);
                offsets.put(Integer.toString(partition), next != null ? (Object) next : job.source().startOffset(partition));
            }
            row.add(json(offsets));
            row.add(task.message().isEmpty() ? null : task.message());
            rows.add(row);
        }
        return rows;
    }

    /**
     * A CREATE ROUTINE LOAD statement that recreates an equivalent job (same name, table, load properties, job
     * properties with the effective time zone, and source properties including the consumer group), secrets masked.
     */
    public static String createStatement(RoutineLoadJob job)
    {
        RoutineLoadDefinition definition = job.definition();
        StringBuilder sql = new StringBuilder("CREATE ROUTINE LOAD ");
        sql.append(identifier(definition.databaseName())).append('.').append(identifier(definition.name()))
                .append(" ON ").append(identifier(definition.tableName()));
        List<String> loadProperties = new ArrayList<>();
        definition.columnSeparator().ifPresent(separator -> loadProperties.add("COLUMNS TERMINATED BY " + quote(separator)));
        definition.rowDelimiter().ifPresent(delimiter -> loadProperties.add("ROWS TERMINATED BY " + quote(delimiter)));
        if (!definition.columns().isEmpty()) {
            List<String> columns = new ArrayList<>();
            for (ColumnMapping column : definition.columns()) {
                columns.add(identifier(column.name()) + column.expression().map(expression -> " = " + expression).orElse(""));
            }
            loadProperties.add("COLUMNS(" + String.join(", ", columns) + ")");
        }
        definition.where().ifPresent(where -> loadProperties.add("WHERE " + where));
        if (!definition.partitions().isEmpty()) {
            List<String> partitions = new ArrayList<>();
            definition.partitions().forEach(partition -> partitions.add(identifier(partition)));
            loadProperties.add("PARTITION(" + String.join(", ", partitions) + ")");
        }
        if (!loadProperties.isEmpty()) {
            sql.append('\n').append(String.join(",\n", loadProperties));
        }
        Map<String, String> jobProperties = new LinkedHashMap<>();
        definition.jobProperties().forEach((key, value) -> jobProperties.put(key.trim(), value));
        // The time zone defaults to the creating session's: written out so the copy parses times the same way.
        if (writtenJobProperty(definition, "timezone").isEmpty()) {
            jobProperties.put("timezone", job.properties().timeZone());
        }
        sql.append("\nPROPERTIES (");
        appendProperties(sql, jobProperties);
        sql.append("\n)\nFROM ").append(definition.dataSourceType().toUpperCase()).append(" (");
        Map<String, String> sourceProperties = new LinkedHashMap<>();
        definition.dataSourceProperties().forEach((key, value) -> sourceProperties.put(key.trim(), KafkaSourceProperties.displayValue(key.trim(), value)));
        appendProperties(sql, sourceProperties);
        return sql.append("\n);").toString();
    }

    private static void appendProperties(StringBuilder sql, Map<String, String> properties)
    {
        boolean first = true;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            sql.append(first ? "\n" : ",\n").append(quote(entry.getKey())).append(" = ").append(quote(entry.getValue()));
            first = false;
        }
    }

    private static String identifier(String name)
    {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A double-quoted SQL string with MySQL's backslash escapes, on one line. */
    static String quote(String text)
    {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            switch (character) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(character);
            }
        }
        return quoted.append('"').toString();
    }

    private static Map<String, Object> numberStrings(Map<Integer, Long> values)
    {
        Map<String, Object> result = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((key, value) -> result.put(Integer.toString(key), Long.toString(value)));
        return result;
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in the server's zone, as SHOW prints times; null when absent. */
    public static String time(Optional<Long> millis)
    {
        return millis.map(value -> TIME_FORMAT.format(Instant.ofEpochMilli(value))).orElse(null);
    }

    /** A flat JSON object: numbers as numbers, anything else as strings. */
    public static String json(Map<String, Object> values)
    {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quoteJson(json, entry.getKey());
            json.append(':');
            if (entry.getValue() == null) {
                json.append("null");
            }
            else if (entry.getValue() instanceof Number number) {
                json.append(number);
            }
            else {
                quoteJson(json, String.valueOf(entry.getValue()));
            }
        }
        return json.append('}').toString();
    }

    private static void quoteJson(StringBuilder json, String text)
    {
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}
