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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of SHOW ROUTINE LOAD, with StarRocks' columns in StarRocks' order and its JSON shapes.
 */
public final class RoutineLoadShow
{
    public static final List<String> COLUMNS = List.of(
            "Id", "Name", "CreateTime", "PauseTime", "EndTime", "DbName", "TableName", "State", "DataSourceType",
            "CurrentTaskNum", "JobProperties", "DataSourceProperties", "CustomProperties", "Statistic", "Progress",
            "TimestampProgress", "ReasonOfStateChanged", "ErrorLogUrls", "TrackingSQL", "OtherMsg",
            "LatestSourcePosition", "OffsetLag");

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private RoutineLoadShow() {}

    public static List<String> row(RoutineLoadJob job)
    {
        RoutineLoadDefinition definition = job.definition();
        JobProperties properties = job.properties();
        KafkaSourceProperties source = job.source();
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(Long.toString(job.id()));
        row.add(definition.name());
        row.add(time(Optional.of(job.createTimeMillis())));
        row.add(time(job.pauseTimeMillis()));
        row.add(time(job.endTimeMillis()));
        row.add(definition.databaseName());
        row.add(definition.tableName());
        row.add(job.state().name());
        row.add(definition.dataSourceType().toUpperCase());
        row.add(Integer.toString(job.state() == JobState.RUNNING ? job.currentTaskCount() : 0));
        row.add(json(jobProperties(job, properties)));
        row.add(json(dataSourceProperties(job, source)));
        row.add(json(customProperties(job)));
        row.add(json(statistic(job)));
        row.add(json(progress(job)));
        row.add(json(numberStrings(job.timestampProgress())));
        row.add(job.stateReason().orElse(""));
        row.add("");
        row.add("");
        row.add(job.otherMessage());
        row.add(json(numberStrings(job.latestOffsets())));
        row.add(json(offsetLag(job)));
        return row;
    }

    private static Map<String, Object> jobProperties(RoutineLoadJob job, JobProperties properties)
    {
        RoutineLoadDefinition definition = job.definition();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("partitions", definition.partitions().isEmpty() ? "*" : String.join(",", definition.partitions()));
        values.put("columnToColumnExpr", columnsText(definition));
        values.put("maxBatchIntervalS", Long.toString(properties.maxBatchIntervalSeconds()));
        values.put("whereExpr", definition.where().orElse("*"));
        values.put("dataFormat", properties.format());
        values.put("timezone", properties.timeZone());
        values.put("format", properties.format());
        values.put("json_root", properties.jsonRoot().orElse(""));
        values.put("maxFilterRatio", Double.toString(properties.maxFilterRatio()));
        values.put("strict_mode", Boolean.toString(properties.strictMode()));
        values.put("jsonpaths", properties.jsonPaths().isEmpty() ? "" : definition.jobProperties().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase("jsonpaths")).map(Map.Entry::getValue).findFirst().orElse(""));
        values.put("desireTaskConcurrentNum", Integer.toString(properties.desiredConcurrentNumber()));
        values.put("maxErrorNum", Long.toString(properties.maxErrorNumber()));
        values.put("strip_outer_array", Boolean.toString(properties.stripOuterArray()));
        values.put("currentTaskConcurrentNum", Integer.toString(job.currentTaskCount()));
        values.put("maxBatchRows", Long.toString(properties.maxBatchRows()));
        return values;
    }

    private static String columnsText(RoutineLoadDefinition definition)
    {
        List<String> parts = new ArrayList<>();
        for (ColumnMapping column : definition.columns()) {
            parts.add(column.expression().map(expression -> column.name() + "=" + expression).orElse(column.name()));
        }
        return String.join(",", parts);
    }

    private static Map<String, Object> dataSourceProperties(RoutineLoadJob job, KafkaSourceProperties source)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("topic", source.topic());
        // Before the first commit, the partitions named in kafka_partitions (none: all, not known until consumed).
        List<Integer> partitions = job.committedOffsets().isEmpty() ? source.partitions() : job.committedOffsets().keySet().stream().sorted().toList();
        values.put("currentKafkaPartitions", String.join(",", partitions.stream().map(String::valueOf).toList()));
        values.put("brokerList", source.brokerList());
        return values;
    }

    private static Map<String, Object> customProperties(RoutineLoadJob job)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : job.definition().dataSourceProperties().entrySet()) {
            if (entry.getKey().startsWith("property.")) {
                String key = entry.getKey().substring("property.".length());
                values.put(key, KafkaSourceProperties.isSecret(key) ? "******" : entry.getValue());
            }
        }
        return values;
    }

    private static Map<String, Object> statistic(RoutineLoadJob job)
    {
        LoadJobCounters counters = job.counters();
        long seconds = Math.max(1, counters.taskExecuteTimeMillis() / 1000);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("receivedBytes", counters.receivedBytes());
        values.put("errorRows", counters.errorRows());
        values.put("committedTaskNum", counters.committedTaskCount());
        values.put("loadedRows", counters.loadedRows());
        values.put("loadRowsRate", counters.loadedRows() / seconds);
        values.put("abortedTaskNum", counters.abortedTaskCount());
        values.put("totalRows", counters.totalRows());
        values.put("unselectedRows", counters.unselectedRows());
        values.put("receivedBytesRate", counters.receivedBytes() / seconds);
        values.put("taskExecuteTimeMs", counters.taskExecuteTimeMillis());
        return values;
    }

    /** Per partition the last consumed offset; OFFSET_BEGINNING / OFFSET_END before anything was consumed. */
    private static Map<String, Object> progress(RoutineLoadJob job)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<Integer, Long> committed = new TreeMap<>(job.committedOffsets());
        if (committed.isEmpty()) {
            for (int partition : job.source().partitions()) {
                values.put(Integer.toString(partition), job.source().startOffset(partition));
            }
            return values;
        }
        // Next offset 0 (a pinned start of an empty partition) has no last consumed offset; StarRocks says OFFSET_ZERO.
        committed.forEach((partition, next) -> values.put(Integer.toString(partition), next == 0 ? "OFFSET_ZERO" : Long.toString(next - 1)));
        return values;
    }

    private static Map<String, Object> offsetLag(RoutineLoadJob job)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<Integer, Long> committed = job.committedOffsets();
        new TreeMap<>(job.latestOffsets()).forEach((partition, latest) -> {
            Long next = committed.get(partition);
            values.put(Integer.toString(partition), Long.toString(next == null ? latest : Math.max(0, latest - next)));
        });
        return values;
    }

    private static Map<String, Object> numberStrings(Map<Integer, Long> values)
    {
        Map<String, Object> result = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((key, value) -> result.put(Integer.toString(key), Long.toString(value)));
        return result;
    }

    private static String time(Optional<Long> millis)
    {
        return millis.map(value -> TIME_FORMAT.format(Instant.ofEpochMilli(value))).orElse(null);
    }

    static String json(Map<String, Object> values)
    {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(json, entry.getKey());
            json.append(':');
            if (entry.getValue() == null) {
                json.append("null");
            }
            else if (entry.getValue() instanceof Number number) {
                json.append(number);
            }
            else {
                quote(json, String.valueOf(entry.getValue()));
            }
        }
        return json.append('}').toString();
    }

    private static void quote(StringBuilder json, String text)
    {
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}
