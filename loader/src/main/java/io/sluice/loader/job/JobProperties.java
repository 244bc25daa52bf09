package io.sluice.loader.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.load.LoadCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job properties of a routine load (PROPERTIES (...)), validated, with StarRocks' defaults.
 */
public final class JobProperties
{
    /** The most rejected records a job keeps, whatever log_rejected_record_num says (-1 means this). */
    public static final int MAX_REJECTED_RETENTION = 1_000_000;

    private static final Set<String> KNOWN = Set.of(
            "desired_concurrent_number", "max_batch_interval", "max_batch_rows", "max_error_number", "max_filter_ratio",
            "strict_mode", "timezone", "format", "jsonpaths", "json_root", "strip_outer_array", "trim_space", "enclose",
            "escape", "partial_update", "merge_condition", "log_rejected_record_num", "task_consume_second",
            "task_timeout_second", "pause_on_fatal_parse_error");

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
        for (String key : properties.keySet()) {
            if (!KNOWN.contains(key.toLowerCase())) {
                throw invalid(key + " is invalid property");
            }
        }
        desiredConcurrentNumber = (int) longValue(properties, "desired_concurrent_number", 5, 1, 1024);
        maxBatchIntervalSeconds = longValue(properties, "max_batch_interval", 10, 1, Long.MAX_VALUE);
        maxBatchRows = longValue(properties, "max_batch_rows", 200_000, 1, Long.MAX_VALUE);
        maxErrorNumber = longValue(properties, "max_error_number", 0, 0, Long.MAX_VALUE);
        maxFilterRatio = doubleValue(properties, "max_filter_ratio", 1.0);
        strictMode = booleanValue(properties, "strict_mode", false);
        timeZone = value(properties, "timezone").orElse(ZoneId.systemDefault().getId());
        try {
            ZoneId.of(timeZone);
        }
        catch (RuntimeException e) {
            throw invalid("Unknown or incorrect time zone: '" + timeZone + "'");
        }
        format = value(properties, "format").orElse("csv").toLowerCase();
        if (!format.equals("csv") && !format.equals("json")) {
            throw invalid("Format type is invalid. format=`" + format + "`");
        }
        jsonPaths = value(properties, "jsonpaths").map(JobProperties::parseJsonPaths).orElse(List.of());
        jsonRoot = value(properties, "json_root");
        stripOuterArray = booleanValue(properties, "strip_outer_array", false);
        trimSpace = booleanValue(properties, "trim_space", false);
        enclose = singleByte(properties, "enclose");
        escape = singleByte(properties, "escape");
        partialUpdate = booleanValue(properties, "partial_update", false);
        mergeCondition = value(properties, "merge_condition").filter(text -> !text.isEmpty());
        // StarRocks keeps none by default; we keep the newest 10,000 per job so a rejection can always be inspected.
        long rejectedLimit = longValue(properties, "log_rejected_record_num", LoadCommit.DEFAULT_REJECTED_RETENTION, -1, Integer.MAX_VALUE);
        logRejectedRecordNumber = rejectedLimit < 0 ? MAX_REJECTED_RETENTION : (int) Math.min(rejectedLimit, MAX_REJECTED_RETENTION);
        taskConsumeSeconds = longValue(properties, "task_consume_second", 15, 1, Long.MAX_VALUE);
        taskTimeoutSeconds = longValue(properties, "task_timeout_second", 60, 1, Long.MAX_VALUE);
        pauseOnFatalParseError = booleanValue(properties, "pause_on_fatal_parse_error", false);
    }

    private static Optional<String> singleByte(Map<String, String> properties, String key)
    {
        Optional<String> text = value(properties, key);
        if (text.isPresent() && text.get().getBytes(StandardCharsets.UTF_8).length != 1) {
            throw invalid(key + " must be a single byte, got '" + text.get() + "'");
        }
        return text;
    }

    private static Optional<String> value(Map<String, String> properties, String key)
    {
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return Optional.of(entry.getValue().trim());
            }
        }
        return Optional.empty();
    }

    private static long longValue(Map<String, String> properties, String key, long defaultValue, long minimum, long maximum)
    {
        Optional<String> text = value(properties, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(text.get());
        }
        catch (NumberFormatException e) {
            throw invalid(key + " must be an integer, got '" + text.get() + "'");
        }
        if (parsed < minimum || parsed > maximum) {
            throw invalid(key + " must be between " + minimum + " and " + maximum + ", got " + parsed);
        }
        return parsed;
    }

    private static double doubleValue(Map<String, String> properties, String key, double defaultValue)
    {
        Optional<String> text = value(properties, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(text.get());
            // Written so that NaN fails too.
            if (!(parsed >= 0 && parsed <= 1)) {
                throw invalid(key + " must be between 0 and 1, got " + text.get());
            }
            return parsed;
        }
        catch (NumberFormatException e) {
            throw invalid(key + " must be a number, got '" + text.get() + "'");
        }
    }

    private static boolean booleanValue(Map<String, String> properties, String key, boolean defaultValue)
    {
        Optional<String> text = value(properties, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        if (text.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (text.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key + " must be true or false, got '" + text.get() + "'");
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
            throw invalid("jsonpaths is not valid JSON: " + e.getMessage());
        }
        return List.copyOf(paths);
    }

    private static SluiceException invalid(String message)
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
