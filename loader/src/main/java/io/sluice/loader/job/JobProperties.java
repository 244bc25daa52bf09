package io.sluice.loader.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job properties of a routine load (PROPERTIES (...)), validated, with StarRocks' names, defaults and messages.
 * Keys ignore case; values are trimmed.
 */
public final class JobProperties
{
    /** The most rejected records a job keeps, whatever log_rejected_record_num says (-1 means this). */
    public static final int MAX_REJECTED_RETENTION = 1_000_000;
    public static final int MAX_CONCURRENT_NUMBER = 1024;

    /** When only one of task_consume_second and task_timeout_second is given, the other follows by this ratio, as in StarRocks. */
    static final long TIMEOUT_TO_CONSUME_RATIO = 4;

    /** Every key CREATE accepts. max_batch_size is deprecated in StarRocks: accepted and ignored, so old scripts still run. */
    public static final Set<String> NAMES = Set.of(
            "desired_concurrent_number", "max_batch_interval", "max_batch_rows", "max_batch_size", "max_error_number", "max_filter_ratio",
            "strict_mode", "timezone", "format", "jsonpaths", "json_root", "strip_outer_array", "trim_space", "enclose", "escape",
            "partial_update", "merge_condition", "log_rejected_record_num", "task_consume_second", "task_timeout_second",
            "pause_on_fatal_parse_error");

    /** What ALTER may change while the job runs: the next batch simply uses the new values. */
    public static final Set<String> ALTERABLE_WHILE_RUNNING = Set.of(
            "desired_concurrent_number", "max_error_number", "max_batch_interval", "max_batch_rows", "max_filter_ratio");

    private final int desiredConcurrentNumber;
    private final long maxBatchIntervalSeconds;
    private final long maxBatchRows;
    private final long maxErrorNumber;
    private final double maxFilterRatio;
    private final boolean strictMode;
    private final String timeZone;
    private final String format;
    private final List<String> jsonPaths;
    private final Optional<String> jsonRoot;
    private final boolean stripOuterArray;
    private final boolean trimSpace;
    private final Optional<String> enclose;
    private final Optional<String> escape;
    private final boolean partialUpdate;
    private final Optional<String> mergeCondition;
    private final int logRejectedRecordNumber;
    private final long taskConsumeSeconds;
    private final long taskTimeoutSeconds;
    private final boolean pauseOnFatalParseError;

    public JobProperties(Map<String, String> properties)
    {
        Map<String, String> values = normalize(properties);
        desiredConcurrentNumber = (int) longValue(values, "desired_concurrent_number", 5, 1, MAX_CONCURRENT_NUMBER);
        maxBatchIntervalSeconds = longValue(values, "max_batch_interval", 10, 1, Long.MAX_VALUE);
        maxBatchRows = longValue(values, "max_batch_rows", 200_000, 1, Long.MAX_VALUE);
        maxErrorNumber = longValue(values, "max_error_number", 0, 0, Long.MAX_VALUE);
        maxFilterRatio = ratio(values, "max_filter_ratio", 1.0);
        strictMode = booleanValue(values, "strict_mode", false);
        timeZone = timeZone(values.get("timezone"));
        format = Optional.ofNullable(values.get("format")).orElse("csv").toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("json")) {
            throw invalid("Format type is invalid. format=`" + values.get("format") + "`");
        }
        jsonPaths = Optional.ofNullable(values.get("jsonpaths")).map(JobProperties::parseJsonPaths).orElse(List.of());
        jsonRoot = Optional.ofNullable(values.get("json_root")).filter(text -> !text.isEmpty());
        if (jsonRoot.isPresent() && !jsonRoot.get().startsWith("$")) {
            throw invalid("json_root must be a JSON path starting with $, got '" + jsonRoot.get() + "'");
        }
        stripOuterArray = booleanValue(values, "strip_outer_array", false);
        trimSpace = booleanValue(values, "trim_space", false);
        enclose = singleByte(values, "enclose");
        escape = singleByte(values, "escape");
        partialUpdate = booleanValue(values, "partial_update", false);
        mergeCondition = Optional.ofNullable(values.get("merge_condition")).filter(text -> !text.isEmpty());
        // StarRocks keeps none by default; we keep the newest 10,000 per job so a rejection can always be inspected.
        long rejectedLimit = longValue(values, "log_rejected_record_num", LoadCommit.DEFAULT_REJECTED_RETENTION, -1, Long.MAX_VALUE);
        logRejectedRecordNumber = rejectedLimit < 0 ? MAX_REJECTED_RETENTION : (int) Math.min(rejectedLimit, MAX_REJECTED_RETENTION);
        long[] taskSeconds = taskSeconds(values);
        taskConsumeSeconds = taskSeconds[0];
        taskTimeoutSeconds = taskSeconds[1];
        pauseOnFatalParseError = booleanValue(values, "pause_on_fatal_parse_error", false);
    }

    /** Lower-case keys and trimmed values; an unknown key is StarRocks' "<key> is invalid property". */
    private static Map<String, String> normalize(Map<String, String> properties)
    {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(key)) {
                throw invalid(entry.getKey() + " is invalid property");
            }
            // Not trimmed for enclose and escape: a space is a valid character there.
            String value = key.equals("enclose") || key.equals("escape") ? entry.getValue() : entry.getValue().trim();
            if (values.put(key, value) != null) {
                throw invalid("Property " + key + " is set more than once");
            }
        }
        return values;
    }

    /**
     * Checks what depends on the target table: partial_update and merge_condition need a PRIMARY KEY table, and the
     * merge condition must be a non-key column of an orderable type (among the loaded columns for a partial update).
     */
    public void checkTable(TableInfo table, List<ColumnMapping> columns)
    {
        boolean primaryKey = table.schema().keyModel() == KeyModel.PRIMARY;
        if (partialUpdate && !primaryKey) {
            throw invalid("Only primary key table support partial update");
        }
        if (mergeCondition.isEmpty()) {
            return;
        }
        String name = mergeCondition.get();
        if (!primaryKey) {
            throw invalid("Conditional update only support primary key table " + table.name());
        }
        int index = table.schema().columnIndex(name);
        boolean loaded = !partialUpdate || columns.isEmpty() || columns.stream().anyMatch(column -> column.name().equalsIgnoreCase(name));
        if (index < 0 || !loaded) {
            throw invalid("Merge condition column " + name + " does not exist. If you are doing partial update with condition update, please check "
                    + "condition column is in the given update columns. Otherwise please check condition column is in table " + table.name());
        }
        ColumnSchema column = table.schema().column(index);
        if (column.key()) {
            throw invalid("Merge condition column " + name + " should not be primary key!");
        }
        switch (column.type()) {
            case CHAR, VARCHAR, STRING, JSON -> throw invalid("Merge condition column has invalid type maybe bitmap/hll/percentile/json/varchar!");
            default -> {
                // numbers, dates and times compare as StarRocks compares them
            }
        }
    }

    private static String timeZone(String text)
    {
        if (text == null) {
            return ZoneId.systemDefault().getId();
        }
        try {
            ZoneId.of(text);
            return text;
        }
        catch (DateTimeException e) {
            throw invalid("Unknown or incorrect time zone: '" + text + "'");
        }
    }

    /** task_consume_second and task_timeout_second; when only one is given the other follows, as in StarRocks. */
    private static long[] taskSeconds(Map<String, String> values)
    {
        String consumeText = values.get("task_consume_second");
        String timeoutText = values.get("task_timeout_second");
        long consume = consumeText == null ? -1 : positiveSeconds("task_consume_second", consumeText);
        long timeout = timeoutText == null ? -1 : positiveSeconds("task_timeout_second", timeoutText);
        if (consume < 0 && timeout < 0) {
            return new long[] {15, 60};
        }
        if (timeout < 0) {
            return new long[] {consume, Math.multiplyExact(consume, TIMEOUT_TO_CONSUME_RATIO)};
        }
        if (consume < 0) {
            return new long[] {Math.max(1, timeout / TIMEOUT_TO_CONSUME_RATIO), timeout};
        }
        if (consume >= timeout) {
            throw invalid("task_timeout_second must be larger than task_consume_second");
        }
        return new long[] {consume, timeout};
    }

    private static long positiveSeconds(String key, String text)
    {
        long value;
        try {
            value = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw invalid("Incorrect format of " + key);
        }
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw invalid(key + " must be greater than 0");
        }
        return value;
    }

    private static Optional<String> singleByte(Map<String, String> values, String key)
    {
        Optional<String> text = Optional.ofNullable(values.get(key));
        if (text.isPresent() && text.get().getBytes(StandardCharsets.UTF_8).length != 1) {
            throw invalid(key + " must be a single byte, got '" + text.get() + "'");
        }
        return text;
    }

    /** StarRocks' messages: "desired_concurrent_number should > 0", "max_error_number should >= 0", ... */
    private static long longValue(Map<String, String> values, String key, long defaultValue, long minimum, long maximum)
    {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        String expectation = minimum == 1 ? key + " should > 0" : key + " should >= " + minimum;
        long parsed;
        try {
            parsed = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw invalid(expectation + ", got '" + text + "'");
        }
        if (parsed < minimum) {
            throw invalid(expectation + ", got " + parsed);
        }
        if (parsed > maximum) {
            throw invalid(key + " should <= " + maximum + ", got " + parsed);
        }
        return parsed;
    }

    private static double ratio(Map<String, String> values, String key, double defaultValue)
    {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw invalid("Incorrect format of " + key);
        }
        // Written so that NaN fails too.
        if (!(parsed >= 0 && parsed <= 1)) {
            throw invalid(key + " must between 0.0 and 1.0.");
        }
        return parsed;
    }

    private static boolean booleanValue(Map<String, String> values, String key, boolean defaultValue)
    {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key + " should be a boolean, got '" + text + "'");
    }

    private static List<String> parseJsonPaths(String text)
    {
        List<String> paths = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw invalid("jsonpaths must be a JSON array of strings, got " + text);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                paths.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw invalid("jsonpaths must be a JSON array of strings, got " + text);
            }
        }
        catch (IOException e) {
            // Jackson's message names parser internals; the text itself says more.
            throw invalid("jsonpaths must be a JSON array of strings, got " + text);
        }
        for (String path : paths) {
            if (!path.startsWith("$")) {
                throw invalid("Invalid json path: '" + path + "'; a path starts with $, e.g. $.id");
            }
        }
        return List.copyOf(paths);
    }

    static SluiceException invalid(String message)
    {
        return new SluiceException(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY, message);
    }

    public int desiredConcurrentNumber()
    {
        return desiredConcurrentNumber;
    }

    public long maxBatchIntervalSeconds()
    {
        return maxBatchIntervalSeconds;
    }

    public long maxBatchRows()
    {
        return maxBatchRows;
    }

    public long maxErrorNumber()
    {
        return maxErrorNumber;
    }

    public double maxFilterRatio()
    {
        return maxFilterRatio;
    }

    public boolean strictMode()
    {
        return strictMode;
    }

    public String timeZone()
    {
        return timeZone;
    }

    public String format()
    {
        return format;
    }

    public List<String> jsonPaths()
    {
        return jsonPaths;
    }

    public Optional<String> jsonRoot()
    {
        return jsonRoot;
    }

    public boolean stripOuterArray()
    {
        return stripOuterArray;
    }

    public boolean trimSpace()
    {
        return trimSpace;
    }

    public Optional<String> enclose()
    {
        return enclose;
    }

    public Optional<String> escape()
    {
        return escape;
    }

    public boolean partialUpdate()
    {
        return partialUpdate;
    }

    public Optional<String> mergeCondition()
    {
        return mergeCondition;
    }

    /** How many rejected records of the job to keep (the newest). */
    public int logRejectedRecordNumber()
    {
        return logRejectedRecordNumber;
    }

    public long taskConsumeSeconds()
    {
        return taskConsumeSeconds;
    }

    public long taskTimeoutSeconds()
    {
        return taskTimeoutSeconds;
    }

    public boolean pauseOnFatalParseError()
    {
        return pauseOnFatalParseError;
    }
}
