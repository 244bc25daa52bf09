package io.sluice.loader.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.storage.load.LoadJobCounters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RoutineLoadShowTest
{
    private static final long CREATE_TIME = Instant.parse("2024-03-01T10:15:30Z").toEpochMilli();

    @Test
    void columnsInStarRocksOrder()
    {
        assertThat(RoutineLoadShow.COLUMNS).containsExactly(
                "Id", "Name", "CreateTime", "PauseTime", "EndTime", "DbName", "TableName", "State", "DataSourceType",
                "CurrentTaskNum", "JobProperties", "DataSourceProperties", "CustomProperties", "Statistic", "Progress",
                "TimestampProgress", "ReasonOfStateChanged", "ErrorLogUrls", "TrackingSQL", "OtherMsg",
                "LatestSourcePosition", "OffsetLag");
        assertThat(RoutineLoadShow.COLUMNS).hasSize(22);
    }

    @Test
    void storyAJobBeforeAnythingWasConsumed()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.recordTaskCount(1);

        Map<String, String> row = show(job);

        assertThat(row).hasSize(22);
        assertThat(row.get("Id")).isEqualTo("42");
        assertThat(row.get("Name")).isEqualTo("automq_example_load");
        assertThat(row.get("CreateTime")).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault()).format(Instant.ofEpochMilli(CREATE_TIME)));
        assertThat(row.get("PauseTime")).isNull();
        assertThat(row.get("EndTime")).isNull();
        assertThat(row.get("DbName")).isEqualTo("automq_db");
        assertThat(row.get("TableName")).isEqualTo("users");
        assertThat(row.get("State")).isEqualTo("RUNNING");
        assertThat(row.get("DataSourceType")).isEqualTo("KAFKA");
        assertThat(row.get("CurrentTaskNum")).isEqualTo("1");
        assertThat(row.get("JobProperties"))
                .contains("\"partitions\":\"*\"")
                .contains("\"columnToColumnExpr\":\"id,name,timestamp,status\"")
                .contains("\"whereExpr\":\"*\"")
                .contains("\"format\":\"json\"")
                .contains("\"jsonpaths\":\"[\\\"$.id\\\",\\\"$.name\\\",\\\"$.timestamp\\\",\\\"$.status\\\"]\"")
                .contains("\"desireTaskConcurrentNum\":\"5\"")
                .contains("\"maxErrorNum\":\"0\"")
                .contains("\"strict_mode\":\"false\"")
                .contains("\"maxBatchRows\":\"200000\"");
        assertThat(row.get("DataSourceProperties")).isEqualTo("{\"topic\":\"example_topic\",\"currentKafkaPartitions\":\"0\",\"brokerList\":\"127.0.0.1:9092\"}");
        assertThat(row.get("CustomProperties")).isEqualTo("{\"kafka_default_offsets\":\"OFFSET_BEGINNING\",\"group.id\":\"automq_example_load_1\"}");
        assertThat(row.get("Statistic")).isEqualTo("{\"receivedBytes\":0,\"errorRows\":0,\"committedTaskNum\":0,\"loadedRows\":0,\"loadRowsRate\":0,"
                + "\"abortedTaskNum\":0,\"totalRows\":0,\"unselectedRows\":0,\"receivedBytesRate\":0,\"taskExecuteTimeMs\":0}");
        assertThat(row.get("Progress")).isEqualTo("{\"0\":\"OFFSET_BEGINNING\"}");
        assertThat(row.get("TimestampProgress")).isEqualTo("{}");
        assertThat(row.get("ReasonOfStateChanged")).isEmpty();
        assertThat(row.get("OtherMsg")).isEmpty();
        assertThat(row.get("LatestSourcePosition")).isEqualTo("{}");
        assertThat(row.get("OffsetLag")).isEqualTo("{}");
        assertValidJson(row);
    }

    @Test
    void progressShowsTheLastConsumedOffset()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.recordCommit(new LoadJobCounters(10, 8, 1, 1, 1000, 1, 0, 2500), Map.of(0, 10L, 1, 5L, 2, 1L), Map.of(0, 1700000000000L));
        job.recordLatestOffsets(Map.of(0, 12L, 1, 5L, 2, 1L, 3, 4L));

        Map<String, String> row = show(job);

        assertThat(row.get("Progress")).isEqualTo("{\"0\":\"9\",\"1\":\"4\",\"2\":\"0\"}");
        assertThat(row.get("DataSourceProperties")).contains("\"currentKafkaPartitions\":\"0,1,2\"");
        assertThat(row.get("TimestampProgress")).isEqualTo("{\"0\":\"1700000000000\"}");
        assertThat(row.get("LatestSourcePosition")).isEqualTo("{\"0\":\"12\",\"1\":\"5\",\"2\":\"1\",\"3\":\"4\"}");
        assertThat(row.get("OffsetLag")).isEqualTo("{\"0\":\"2\",\"1\":\"0\",\"2\":\"0\",\"3\":\"4\"}");
        assertThat(row.get("Statistic"))
                .contains("\"receivedBytes\":1000")
                .contains("\"errorRows\":1")
                .contains("\"committedTaskNum\":1")
                .contains("\"loadedRows\":8")
                .contains("\"loadRowsRate\":3")
                .contains("\"totalRows\":10")
                .contains("\"unselectedRows\":1")
                .contains("\"receivedBytesRate\":400")
                .contains("\"taskExecuteTimeMs\":2500");
        assertValidJson(row);
    }

    @Test
    void progressOfAPartitionPinnedAtOffsetZeroIsOffsetZero()
    {
        // The task pins OFFSET_BEGINNING of an empty partition to 0 before consuming anything.
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of(0, 0L));

        assertThat(show(job).get("Progress")).isEqualTo("{\"0\":\"OFFSET_ZERO\"}");
    }

    @Test
    void secretsAreMasked()
    {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "b:9092");
        source.put("kafka_topic", "t");
        source.put("property.security.protocol", "SASL_SSL");
        source.put("property.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";");
        source.put("property.ssl.truststore.password", "hunter2");
        source.put("property.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        RoutineLoadJob job = job(definition(List.of(), Optional.empty(), Map.of(), source), JobState.PAUSED, Map.of());

        String custom = show(job).get("CustomProperties");

        assertThat(custom).isEqualTo("{\"security.protocol\":\"SASL_SSL\",\"sasl.jaas.config\":\"******\",\"ssl.truststore.password\":\"******\","
                + "\"ssl.keystore.key\":\"******\"}");
        assertThat(String.join("\n", RoutineLoadShow.row(job).stream().map(String::valueOf).toList())).doesNotContain("hunter2").doesNotContain("PRIVATE KEY");
    }

    @Test
    void textIsEscapedInJson()
    {
        RoutineLoadJob job = job(definition(
                List.of(new ColumnMapping("a", Optional.empty()), new ColumnMapping("b", Optional.of("concat(a, \"\\\"\", '\t')"))),
                Optional.of("a <> 'x\ny' AND a <> '\u0001'"),
                Map.of("format", "json", "jsonpaths", "[\"$.a\"]"),
                Map.of("kafka_broker_list", "b:9092", "kafka_topic", "t\"q")), JobState.RUNNING, Map.of());

        Map<String, String> row = show(job);

        assertThat(row.get("JobProperties"))
                .contains("\"columnToColumnExpr\":\"a,b=concat(a, \\\"\\\\\\\"\\\", '\\t')\"")
                .contains("\"whereExpr\":\"a <> 'x\\ny' AND a <> '\\u0001'\"");
        assertThat(row.get("DataSourceProperties")).contains("\"topic\":\"t\\\"q\"");
        assertValidJson(row);
    }

    @Test
    void jsonOfNumbersAndStrings()
    {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("n", 5L);
        values.put("s", "a\"b\\c\r\n\t\u001f é");
        values.put("null", null);

        assertThat(RoutineLoadShow.json(values)).isEqualTo("{\"n\":5,\"s\":\"a\\\"b\\\\c\\r\\n\\t\\u001F é\",\"null\":null}");
        assertThat(RoutineLoadShow.json(Map.of())).isEqualTo("{}");
    }

    @Test
    void pausedJobShowsItsReasonAndNoTasks()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.recordTaskCount(3);
        job.setState(JobState.PAUSED, 2, Optional.of(CREATE_TIME + 1000), Optional.empty(),
                Optional.of(new StateChangeReason(StateChangeReason.MANUAL_PAUSE, "User root pauses routine load job").toString()));
        job.recordOtherMessage("Last rejected row: partition 0, offset 7: Invalid JSON");

        Map<String, String> row = show(job);

        assertThat(row.get("State")).isEqualTo("PAUSED");
        assertThat(row.get("CurrentTaskNum")).isEqualTo("0");
        assertThat(row.get("PauseTime")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(row.get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 100, msg='User root pauses routine load job'}");
        assertThat(row.get("OtherMsg")).isEqualTo("Last rejected row: partition 0, offset 7: Invalid JSON");
    }

    @Test
    void trackingSqlAppearsOnceTheJobRejectedSomething()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        assertThat(show(job).get("TrackingSQL")).isEmpty();

        job.recordCommit(new LoadJobCounters(3, 2, 1, 0, 30, 1, 0, 10), Map.of(0, 3L), Map.of());

        assertThat(show(job).get("TrackingSQL")).isEqualTo("select tracking_log from information_schema.load_tracking_logs where job_id=42");
    }

    @Test
    void unstableJobShowsUnstableAndWhy()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.recordUnstable(Optional.of("Broker 127.0.0.1:9092 is not reachable"));

        Map<String, String> row = show(job);

        assertThat(row.get("State")).isEqualTo("UNSTABLE");
        assertThat(row.get("OtherMsg")).isEqualTo("Broker 127.0.0.1:9092 is not reachable");
        assertThat(row.get("ReasonOfStateChanged")).isEqualTo("Broker 127.0.0.1:9092 is not reachable");

        job.recordUnstable(Optional.empty());
        assertThat(show(job).get("State")).isEqualTo("RUNNING");
        assertThat(show(job).get("ReasonOfStateChanged")).isEmpty();
    }

    @Test
    void progressOfAPinnedStartBeforeAnythingWasConsumed()
    {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "b:9092");
        source.put("kafka_topic", "t");
        source.put("kafka_partitions", "0,1,2");
        source.put("kafka_offsets", "42,0,OFFSET_END");
        RoutineLoadJob job = job(definition(List.of(), Optional.empty(), Map.of(), source), JobState.RUNNING, Map.of());
        job.recordLatestOffsets(Map.of(0, 50L, 1, 3L, 2, 7L));

        Map<String, String> row = show(job);

        assertThat(row.get("Progress")).isEqualTo("{\"0\":\"41\",\"1\":\"OFFSET_ZERO\",\"2\":\"OFFSET_END\"}");
        assertThat(row.get("OffsetLag")).isEqualTo("{\"0\":\"8\",\"1\":\"3\",\"2\":\"0\"}");
        assertThat(row.get("ReasonOfStateChanged")).isEmpty();
    }

    @Test
    void stoppedJobKeepsItsReasonAndEndTime()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.setState(JobState.STOPPED, 2, Optional.empty(), Optional.of(CREATE_TIME + 5000),
                Optional.of(new StateChangeReason(StateChangeReason.MANUAL_STOP, "User root stops routine load job").toString()));

        Map<String, String> row = show(job);

        assertThat(row.get("State")).isEqualTo("STOPPED");
        assertThat(row.get("EndTime")).isNotNull();
        assertThat(row.get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 101, msg='User root stops routine load job'}");
    }

    @Test
    void csvJobPropertiesShowSeparators()
    {
        RoutineLoadDefinition definition = new RoutineLoadDefinition("db", "csv_job", "t", List.of(), Optional.empty(), Optional.of(","), Optional.empty(),
                List.of("p1"), Map.of("enclose", "\"", "trim_space", "true"), "KAFKA", Map.of("kafka_broker_list", "b:9092", "kafka_topic", "t"));

        String properties = show(job(definition, JobState.RUNNING, Map.of())).get("JobProperties");

        assertThat(properties).contains("\"partitions\":\"p1\"", "\"columnSeparator\":\"','\"", "\"rowDelimiter\":\"\\n\"", "\"trim_space\":\"true\"",
                "\"enclose\":\"\\\"\"", "\"columnToColumnExpr\":\"*\"", "\"format\":\"csv\"", "\"taskConsumeSecond\":\"15\"", "\"taskTimeoutSecond\":\"60\"");
    }

    @Test
    void taskRowsHaveStarRocksColumns()
    {
        RoutineLoadJob job = job(storyA(), JobState.RUNNING, Map.of());
        job.recordTaskStatuses(List.of(
                new TaskStatus("task-0", 42, List.of(0, 1), Map.of(0, 19L), CREATE_TIME, Optional.of(CREATE_TIME + 1000), 60, "RUNNING", ""),
                new TaskStatus("task-1", 42, List.of(2), Map.of(), CREATE_TIME, Optional.empty(), 60, "WAITING", "Broker not reachable")));

        List<List<String>> rows = RoutineLoadShow.taskRows(job);

        assertThat(RoutineLoadShow.TASK_COLUMNS).containsExactly("TaskId", "TxnId", "TxnStatus", "JobId", "CreateTime", "LastScheduledTime",
                "ExecuteStartTime", "Timeout", "BeId", "DataSourceProperties", "Message");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).hasSize(11);
        assertThat(rows.get(0).get(0)).isEqualTo("task-0");
        assertThat(rows.get(0).get(2)).isEqualTo("RUNNING");
        assertThat(rows.get(0).get(3)).isEqualTo("42");
        assertThat(rows.get(0).get(5)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(rows.get(0).get(7)).isEqualTo("60");
        assertThat(rows.get(0).get(9)).isEqualTo("{\"0\":19,\"1\":\"OFFSET_BEGINNING\"}");
        assertThat(rows.get(0).get(10)).isNull();
        assertThat(rows.get(1).get(5)).isNull();
        assertThat(rows.get(1).get(10)).isEqualTo("Broker not reachable");
    }

    @Test
    void createStatementRecreatesTheJobWithSecretsMasked()
    {
        Map<String, String> jobProperties = new LinkedHashMap<>();
        jobProperties.put("desired_concurrent_number", "5");
        jobProperties.put("format", "json");
        jobProperties.put("jsonpaths", "[\"$.commodity_id\",\"$.pay_time\"]");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "host1:9092,host2:9092");
        source.put("kafka_topic", "testA");
        source.put("property.kafka_default_offsets", "OFFSET_END");
        source.put("property.sasl.password", "hunter2");
        RoutineLoadDefinition definition = new RoutineLoadDefinition("dwx_test", "load_aggregate", "customer_buy_aggregate",
                List.of(new ColumnMapping("commodity_id", Optional.empty()), new ColumnMapping("pay_time", Optional.empty()),
                        new ColumnMapping("pay_dt", Optional.of("from_unixtime(pay_time, '%Y%m%d')"))),
                Optional.of("pay_time > 0"), Optional.of("\t"), Optional.empty(), List.of("p`1"), jobProperties, "KAFKA", source);

        String sql = RoutineLoadShow.createStatement(job(definition, JobState.PAUSED, Map.of()));

        assertThat(sql).isEqualTo("""
                CREATE ROUTINE LOAD `dwx_test`.`load_aggregate` ON `customer_buy_aggregate`
                COLUMNS TERMINATED BY "\\t",
                COLUMNS(`commodity_id`, `pay_time`, `pay_dt` = from_unixtime(pay_time, '%Y%m%d')),
                WHERE pay_time > 0,
                PARTITION(`p``1`)
                PROPERTIES (
                "desired_concurrent_number" = "5",
                "format" = "json",
                "jsonpaths" = "[\\"$.commodity_id\\",\\"$.pay_time\\"]",
                "timezone" = "ZONE"
                )
                FROM KAFKA (
                "kafka_broker_list" = "host1:9092,host2:9092",
                "kafka_topic" = "testA",
                "property.kafka_default_offsets" = "OFFSET_END",
                "property.sasl.password" = "******"
                );""".replace("ZONE", ZoneId.systemDefault().getId()));
    }

    private static RoutineLoadDefinition storyA()
    {
        Map<String, String> job = new LinkedHashMap<>();
        job.put("desired_concurrent_number", "5");
        job.put("format", "json");
        job.put("jsonpaths", "[\"$.id\",\"$.name\",\"$.timestamp\",\"$.status\"]");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka_broker_list", "127.0.0.1:9092");
        source.put("kafka_topic", "example_topic");
        source.put("kafka_partitions", "0");
        source.put("property.kafka_default_offsets", "OFFSET_BEGINNING");
        source.put("property.group.id", "automq_example_load_1");
        return definition(List.of(new ColumnMapping("id", Optional.empty()), new ColumnMapping("name", Optional.empty()),
                new ColumnMapping("timestamp", Optional.empty()), new ColumnMapping("status", Optional.empty())), Optional.empty(), job, source);
    }

    private static RoutineLoadDefinition definition(List<ColumnMapping> columns, Optional<String> where, Map<String, String> job, Map<String, String> source)
    {
        return new RoutineLoadDefinition("automq_db", "automq_example_load", "users", columns, where, Optional.empty(), Optional.empty(),
                List.of(), job, "kafka", source);
    }

    private static RoutineLoadJob job(RoutineLoadDefinition definition, JobState state, Map<Integer, Long> committedOffsets)
    {
        return new RoutineLoadJob(42, 7, CREATE_TIME, definition, state, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                LoadJobCounters.ZERO, committedOffsets);
    }

    private static Map<String, String> show(RoutineLoadJob job)
    {
        List<String> values = RoutineLoadShow.row(job);
        assertThat(values).hasSameSizeAs(RoutineLoadShow.COLUMNS);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            row.put(RoutineLoadShow.COLUMNS.get(i), values.get(i));
        }
        return row;
    }

    /** Every JSON column parses as one JSON object. */
    private static void assertValidJson(Map<String, String> row)
    {
        for (String column : List.of("JobProperties", "DataSourceProperties", "CustomProperties", "Statistic", "Progress", "TimestampProgress",
                "LatestSourcePosition", "OffsetLag")) {
            try (JsonParser parser = new JsonFactory().createParser(row.get(column))) {
                assertThat(parser.nextToken()).as(column).isEqualTo(JsonToken.START_OBJECT);
                parser.skipChildren();
                assertThat(parser.nextToken()).as(column).isNull();
            }
            catch (IOException e) {
                throw new AssertionError(column + " is not valid JSON: " + row.get(column), e);
            }
        }
    }
}
