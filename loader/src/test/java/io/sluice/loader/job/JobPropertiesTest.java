package io.sluice.loader.job;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
        assertInvalid(Map.of("max_batch_size", "100"), "max_batch_size is invalid property");
        assertInvalid(Map.of("kafka_topic", "t"), "kafka_topic is invalid property");
    }

    @Test
    void badNumbersAreRejected()
    {
        assertInvalid(Map.of("desired_concurrent_number", "abc"), "desired_concurrent_number must be an integer, got 'abc'");
        assertInvalid(Map.of("desired_concurrent_number", "0"), "desired_concurrent_number must be between 1 and 1024, got 0");
        assertInvalid(Map.of("desired_concurrent_number", "1.5"), "desired_concurrent_number must be an integer, got '1.5'");
        assertInvalid(Map.of("max_batch_rows", "-1"), "max_batch_rows must be between 1 and");
        assertInvalid(Map.of("max_batch_interval", "99999999999999999999"), "max_batch_interval must be an integer");
        assertInvalid(Map.of("max_error_number", "-1"), "max_error_number must be between 0 and");
        assertInvalid(Map.of("max_error_number", ""), "max_error_number must be an integer, got ''");
        assertInvalid(Map.of("max_filter_ratio", "1.5"), "max_filter_ratio must be between 0 and 1, got 1.5");
        assertInvalid(Map.of("max_filter_ratio", "-0.1"), "max_filter_ratio must be between 0 and 1");
        assertInvalid(Map.of("max_filter_ratio", "NaN"), "max_filter_ratio must be between 0 and 1, got NaN");
        assertInvalid(Map.of("max_filter_ratio", "half"), "max_filter_ratio must be a number, got 'half'");
    }

    @Test
    void badBooleansAreRejected()
    {
        assertInvalid(Map.of("strict_mode", "yes"), "strict_mode must be true or false, got 'yes'");
        assertInvalid(Map.of("strip_outer_array", "1"), "strip_outer_array must be true or false, got '1'");
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
        assertInvalid(Map.of("jsonpaths", "[\"$.a\""), "jsonpaths is not valid JSON");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\"] [\"$.b\"]"), "jsonpaths must be a JSON array of strings");
        assertInvalid(Map.of("jsonpaths", "[\"$.a\"] x"), "jsonpaths is not valid JSON");
        assertInvalid(Map.of("jsonpaths", ""), "jsonpaths must be a JSON array of strings");
        assertThat(new JobProperties(Map.of("jsonpaths", "[\"$.a\"]")).jsonPaths()).isEqualTo(List.of("$.a"));
    }

    private static void assertInvalid(Map<String, String> properties, String message)
    {
        assertThatThrownBy(() -> new JobProperties(properties))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ROUTINE_LOAD_INVALID_PROPERTY))
                .hasMessageContaining(message);
    }
}
