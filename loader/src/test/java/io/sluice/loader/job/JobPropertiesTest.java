package io.sluice.loader.job;

import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableInfo;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobPropertiesTest
{
    @Test
    void defaults()
    {
        JobProperties properties = new JobProperties(Map.of());

        assertThat(properties.desiredConcurrentNumber()).isEqualTo(5);
        assertThat(properties.maxBatchIntervalSeconds()).isEqualTo(10);
        assertThat(properties.maxBatchRows()).isEqualTo(200_000);
        assertThat(properties.maxErrorNumber()).isZero();
        assertThat(properties.maxFilterRatio()).isEqualTo(1.0);
        assertThat(properties.strictMode()).isFalse();
        assertThat(properties.timeZone()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(properties.format()).isEqualTo("csv");
        assertThat(properties.jsonPaths()).isEmpty();
        assertThat(properties.jsonRoot()).isEmpty();
        assertThat(properties.stripOuterArray()).isFalse();
        assertThat(properties.trimSpace()).isFalse();
    }

    @Test
    void storyAProperties()
    {
        JobProperties properties = new JobProperties(Map.of(
                "desired_concurrent_number", "5",
                "format", "json",
                "jsonpaths", "[\"$.id\",\"$.name\",\"$.timestamp\",\"$.status\"]"));

        assertThat(properties.format()).isEqualTo("json");
        assertThat(properties.jsonPaths()).containsExactly("$.id", "$.name", "$.timestamp", "$.status");
    }

    @Test
    void everyValue()
    {
        JobProperties properties = new JobProperties(Map.ofEntries(
                Map.entry("desired_concurrent_number", "3"),
                Map.entry("max_batch_interval", "20"),
                Map.entry("max_batch_rows", "300000"),
                Map.entry("max_error_number", "1000"),
                Map.entry("max_filter_ratio", "0.2"),
                Map.entry("strict_mode", "TRUE"),
                Map.entry("timezone", "Asia/Shanghai"),
                Map.entry("format", "JSON"),
                Map.entry("json_root", "$.RECORDS"),
                Map.entry("strip_outer_array", "true"),
                Map.entry("trim_space", "True")));

        assertThat(properties.desiredConcurrentNumber()).isEqualTo(3);
        assertThat(properties.maxBatchIntervalSeconds()).isEqualTo(20);
        assertThat(properties.maxBatchRows()).isEqualTo(300_000);
        assertThat(properties.maxErrorNumber()).isEqualTo(1000);
        assertThat(properties.maxFilterRatio()).isEqualTo(0.2);
        assertThat(properties.strictMode()).isTrue();
        assertThat(properties.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(properties.format()).isEqualTo("json");
        assertThat(properties.jsonRoot()).contains("$.RECORDS");
        assertThat(properties.stripOuterArray()).isTrue();
        assertThat(properties.trimSpace()).isTrue();
    }

    @Test
    void keysIgnoreCaseAndValuesAreTrimmed()
    {
        JobProperties properties = new JobProperties(Map.of("FORMAT", " json ", "Strict_Mode", " true", "MAX_ERROR_NUMBER", " 7 "));

        assertThat(properties.format()).isEqualTo("json");
        assertThat(properties.strictMode()).isTrue();
        assertThat(properties.maxErrorNumber()).isEqualTo(7);
    }

    @Test
    void otherStarRocksPropertiesAreAccepted()
    {
        new JobProperties(Map.of("enclose", "\"", "escape", "\\", "partial_update", "false", "log_rejected_record_num", "10",
                "task_consume_second", "15", "task_timeout_second", "60", "pause_on_fatal_parse_error", "false"));
    }

    @Test
    void unknownPropertyIsRejected()
    {
        assertInvalid(Map.of("max_batch_bytes", "100"), "max_batch_bytes is invalid property");
        assertInvalid(Map.of("kafka_topic", "t"), "kafka_topic is invalid property");
    }

    @Test
    void deprecatedMaxBatchSizeIsAcceptedAndIgnored()
    {
        assertThat(new JobProperties(Map.of("max_batch_size", "104857600")).maxBatchRows()).isEqualTo(200_000);
    }

    @Test
    void repeatedKeyIsRejected()
    {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("format", "json");
        properties.put("FORMAT", "csv");
        assertInvalid(properties, "Property format is set more than once");
    }

    @Test
    void badNumbersAreRejectedWithStarRocksMessages()
    {
        assertInvalid(Map.of("desired_concurrent_number", "abc"), "desired_concurrent_number should > 0, got 'abc'");
        assertInvalid(Map.of("desired_concurrent_number", "0"), "desired_concurrent_number should > 0, got 0");
        assertInvalid(Map.of("desired_concurrent_number", "1.5"), "desired_concurrent_number should > 0, got '1.5'");
        assertInvalid(Map.of("desired_concurrent_number", "1025"), "desired_concurrent_number should <= 1024, got 1025");
        assertInvalid(Map.of("max_batch_rows", "-1"), "max_batch_rows should > 0, got -1");
        assertInvalid(Map.of("max_batch_interval", "99999999999999999999"), "max_batch_interval should > 0");
        assertInvalid(Map.of("max_error_number", "-1"), "max_error_number should >= 0, got -1");
        assertInvalid(Map.of("max_error_number", ""), "max_error_number should >= 0, got ''");
        assertInvalid(Map.of("log_rejected_record_num", "-2"), "log_rejected_record_num should >= -1, got -2");
        assertInvalid(Map.of("max_filter_ratio", "1.5"), "max_filter_ratio must between 0.0 and 1.0.");
        assertInvalid(Map.of("max_filter_ratio", "-0.1"), "max_filter_ratio must between 0.0 and 1.0.");
        assertInvalid(Map.of("max_filter_ratio", "NaN"), "max_filter_ratio must between 0.0 and 1.0.");
        assertInvalid(Map.of("max_filter_ratio", "half"), "Incorrect format of max_filter_ratio");
    }

    @Test
    void badBooleansAreRejected()
    {
        assertInvalid(Map.of("strict_mode", "yes"), "strict_mode should be a boolean, got 'yes'");
        assertInvalid(Map.of("strip_outer_array", "1"), "strip_outer_array should be a boolean, got '1'");
        assertInvalid(Map.of("partial_update", "on"), "partial_update should be a boolean");
        assertInvalid(Map.of("trim_space", ""), "trim_space should be a boolean");
        assertInvalid(Map.of("pause_on_fatal_parse_error", "no"), "pause_on_fatal_parse_error should be a boolean");
    }

    @Test
    void taskSecondsFollowEachOtherLikeStarRocks()
    {
        JobProperties defaults = new JobProperties(Map.of());
        assertThat(defaults.taskConsumeSeconds()).isEqualTo(15);
        assertThat(defaults.taskTimeoutSeconds()).isEqualTo(60);
        JobProperties consume = new JobProperties(Map.of("task_consume_second", "5"));
        assertThat(consume.taskConsumeSeconds()).isEqualTo(5);
        assertThat(consume.taskTimeoutSeconds()).isEqualTo(20);
        JobProperties timeout = new JobProperties(Map.of("task_timeout_second", "40"));
        assertThat(timeout.taskConsumeSeconds()).isEqualTo(10);
        assertThat(timeout.taskTimeoutSeconds()).isEqualTo(40);
        JobProperties both = new JobProperties(Map.of("task_consume_second", "3", "task_timeout_second", "7"));
        assertThat(both.taskConsumeSeconds()).isEqualTo(3);
        assertThat(both.taskTimeoutSeconds()).isEqualTo(7);

        assertInvalid(Map.of("task_consume_second", "x"), "Incorrect format of task_consume_second");
        assertInvalid(Map.of("task_consume_second", "0"), "task_consume_second must be greater than 0");
        assertInvalid(Map.of("task_timeout_second", "-5"), "task_timeout_second must be greater than 0");
        assertInvalid(Map.of("task_consume_second", "60", "task_timeout_second", "60"), "task_timeout_second must be larger than task_consume_second");
    }

    @Test
    void encloseAndEscapeAreSingleBytesAndKeepSpaces()
    {
        JobProperties properties = new JobProperties(Map.of("enclose", " ", "escape", "\\"));
        assertThat(properties.enclose()).contains(" ");
        assertThat(properties.escape()).contains("\\");
        assertInvalid(Map.of("enclose", "''"), "enclose must be a single byte, got ''''");
        assertInvalid(Map.of("escape", "é"), "escape must be a single byte");
        assertInvalid(Map.of("enclose", ""), "enclose must be a single byte");
    }

    @Test
    void rejectedRecordRetention()
    {
        assertThat(new JobProperties(Map.of()).logRejectedRecordNumber()).isEqualTo(10_000);
        assertThat(new JobProperties(Map.of("log_rejected_record_num", "0")).logRejectedRecordNumber()).isZero();
        assertThat(new JobProperties(Map.of("log_rejected_record_num", "-1")).logRejectedRecordNumber()).isEqualTo(JobProperties.MAX_REJECTED_RETENTION);
        assertThat(new JobProperties(Map.of("log_rejected_record_num", "99999999999")).logRejectedRecordNumber()).isEqualTo(JobProperties.MAX_REJECTED_RETENTION);
    }

    @Test
    void partialUpdateAndMergeConditionNeedAPrimaryKeyTable()
    {
        TableInfo duplicate = table(KeyModel.DUPLICATE);
        TableInfo primary = table(KeyModel.PRIMARY);
        List<ColumnMapping> idAndScore = List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("score", Optional.empty()));

        assertTableInvalid(Map.of("partial_update", "true"), duplicate, idAndScore, "Only primary key table support partial update");
        assertTableInvalid(Map.of("merge_condition", "score"), duplicate, idAndScore, "Conditional update only support primary key table t");
        assertTableInvalid(Map.of("merge_condition", "nothere"), primary, idAndScore, "Merge condition column nothere does not exist.");
        assertTableInvalid(Map.of("merge_condition", "id"), primary, idAndScore, "Merge condition column id should not be primary key!");
        assertTableInvalid(Map.of("merge_condition", "name"), primary, idAndScore,
                "Merge condition column has invalid type maybe bitmap/hll/percentile/json/varchar!");
        assertTableInvalid(Map.of("merge_condition", "version", "partial_update", "true"), primary, idAndScore,
                "If you are doing partial update with condition update, please check condition column is in the given update columns");

        new JobProperties(Map.of("partial_update", "true", "merge_condition", "SCORE")).checkTable(primary, idAndScore);
        new JobProperties(Map.of("merge_condition", "version")).checkTable(primary, idAndScore);
        new JobProperties(Map.of("partial_update", "false")).checkTable(duplicate, idAndScore);
        new JobProperties(Map.of("merge_condition", "")).checkTable(duplicate, idAndScore);
    }

    @Test
    void badTimeZoneIsRejected()
    {
        assertInvalid(Map.of("timezone", "Mars/Olympus"), "Unknown or incorrect time zone: 'Mars/Olympus'");
        assertInvalid(Map.of("timezone", ""), "Unknown or incorrect time zone: ''");
        assertThat(new JobProperties(Map.of("timezone", "+08:00")).timeZone()).isEqualTo("+08:00");
    }

    @Test
    void badFormatIsRejected()
    {
        assertInvalid(Map.of("format", "parquet"), "Format type is invalid. format=`parquet`");
    }

    @Test
    void jsonPathsMustBeAJsonArrayOfStrings()
    {
        assertThat(new JobProperties(Map.of("jsonpaths", " [ \"$.a\" , \"$.b[0]\" ] ")).jsonPaths()).containsExactly("$.a", "$.b[0]");
        assertThat(new JobProperties(Map.of("jsonpaths", "[]")).jsonPaths()).isEmpty();
        assertInvalid(Map.of("jsonpaths", "\"$.a\""), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\", 1]"), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\""), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\"] [\"$.b\"]"), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\"] x"), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", ""), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"id\"]"), "Invalid json path: 'id'; a path starts with $");
        assertInvalid(Map.of("json_root", "records"), "json_root must be a JSON path starting with $, got 'records'");
        assertThat(new JobProperties(Map.of("jsonpaths", "[\"$.a\"]")).jsonPaths()).isEqualTo(List.of("$.a"));
    }

    private static TableInfo table(KeyModel keyModel)
    {
        TableSchema schema = new TableSchema(List.of(
                new ColumnSchema("id", ColumnType.BIGINT, 0, 0, false, true, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("name", ColumnType.VARCHAR, 20, 0, true, false, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("score", ColumnType.INT, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), ""),
                new ColumnSchema("version", ColumnType.DATETIME, 0, 0, true, false, AggregationFunction.NONE, Optional.empty(), "")),
                keyModel, List.of("id"), 1, Map.of());
        return new TableInfo(1, "db", "t", schema, List.of(1L, 2L, 3L, 4L), Map.of(), 0);
    }

    private static void assertTableInvalid(Map<String, String> properties, TableInfo table, List<ColumnMapping> columns, String message)
    {
        assertThatThrownBy(() -> new JobProperties(properties).checkTable(table, columns))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining(message);
    }

    private static void assertInvalid(Map<String, String> properties, String message)
    {
        assertThatThrownBy(() -> new JobProperties(properties))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining(message);
    }
}
