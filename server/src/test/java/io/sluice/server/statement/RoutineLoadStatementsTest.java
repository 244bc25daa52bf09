package io.sluice.server.statement;

import io.sluice.loader.job.JobState;
import io.sluice.loader.job.RoutineLoadJob;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.server.mysql.ConnectionInfo;
import io.sluice.server.mysql.MysqlColumn;
import io.sluice.server.mysql.MysqlResponse;
import io.sluice.storage.Storage;
import io.sluice.storage.column.ColumnBatch;
import io.sluice.storage.load.LoadCommit;
import io.sluice.storage.load.LoadJobCounters;
import io.sluice.storage.load.RejectedRecord;
import io.sluice.storage.table.TableWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routine load statements through a real session, with a manager that schedules nothing (closed), so no task ever
 * reaches for a broker: CREATE, ALTER, PAUSE/RESUME/STOP, the three SHOWs, information_schema and DROP DATABASE.
 */
class RoutineLoadStatementsTest
{
    private static final String STORY_B_TABLE = """
            CREATE TABLE customer_buy_aggregate (
                commodity_id varchar(26) NULL, customer_name varchar(26) NULL, country varchar(26) NULL,
                pay_time bigint(20) NULL, pay_dt date NULL, price double SUM NULL
            ) ENGINE=OLAP AGGREGATE KEY(commodity_id, customer_name, country, pay_time, pay_dt)
            DISTRIBUTED BY HASH(commodity_id) BUCKETS 5""";
    private static final String STORY_B_JOB = """
            CREATE ROUTINE LOAD dwx_test.load_aggregate ON customer_buy_aggregate
            COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d'))
            PROPERTIES ("desired_concurrent_number"="5", "format" ="json", "timezone" = "Asia/Shanghai",
              "jsonpaths" ="[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]")
            FROM KAFKA ("kafka_broker_list"="host1:9092,host2:9092,host3:9092", "kafka_topic" = "testA",
                        "property.kafka_default_offsets" = "OFFSET_END", "property.group.id" = "story_b",
                        "property.security.protocol" = "SASL_PLAINTEXT", "property.sasl.mechanism" = "PLAIN",
                        "property.sasl.jaas.config" = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"u\\" password=\\"hunter2\\";")""";

    @TempDir
    Path directory;

    private Storage storage;
    private RoutineLoadManager manager;
    private SluiceSession session;
    private TestSession client;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(directory);
        manager = new RoutineLoadManager(storage, new LoadExpressionCompiler());
        manager.start();
        // Closed: jobs are created and change state, but no task is ever scheduled.
        manager.close();
        session = new SluiceSession(storage, manager, new ConnectionInfo(1, "alice", "127.0.0.1", null, 0));
        client = new TestSession(session);
        execute("create database dwx_test");
        execute("use dwx_test");
        execute(STORY_B_TABLE);
    }

    @AfterEach
    void tearDown()
    {
        session.close();
        storage.close();
    }

    @Test
    void storyBJobShowsEveryColumnWithSecretsMasked()
    {
        execute(STORY_B_JOB);

        Map<String, String> row = showRow("show routine load for load_aggregate");

        assertThat(row.keySet()).containsExactly("Id", "Name", "CreateTime", "PauseTime", "EndTime", "DbName", "TableName", "State", "DataSourceType",
                "CurrentTaskNum", "JobProperties", "DataSourceProperties", "CustomProperties", "Statistic", "Progress", "TimestampProgress",
                "ReasonOfStateChanged", "ErrorLogUrls", "TrackingSQL", "OtherMsg", "LatestSourcePosition", "OffsetLag");
        assertThat(row.get("Name")).isEqualTo("load_aggregate");
        assertThat(row.get("DbName")).isEqualTo("dwx_test");
        assertThat(row.get("TableName")).isEqualTo("customer_buy_aggregate");
        assertThat(row.get("State")).isEqualTo("RUNNING");
        assertThat(row.get("JobProperties")).contains("\"columnToColumnExpr\":\"commodity_id,customer_name,country,pay_time,price,"
                + "pay_dt=from_unixtime(pay_time, '%Y%m%d')\"", "\"timezone\":\"Asia/Shanghai\"", "\"desireTaskConcurrentNum\":\"5\"");
        assertThat(row.get("DataSourceProperties")).isEqualTo("{\"topic\":\"testA\",\"currentKafkaPartitions\":\"\",\"brokerList\":\"host1:9092,host2:9092,host3:9092\"}");
        assertThat(row.get("CustomProperties")).isEqualTo("{\"kafka_default_offsets\":\"OFFSET_END\",\"group.id\":\"story_b\","
                + "\"security.protocol\":\"SASL_PLAINTEXT\",\"sasl.mechanism\":\"PLAIN\",\"sasl.jaas.config\":\"******\"}");
        assertThat(String.join(" ", row.values().stream().map(String::valueOf).toList())).doesNotContain("hunter2");
        assertThat(String.join(" ", rows("select * from information_schema.routine_load_jobs"))).doesNotContain("hunter2").contains("******");
    }

    @Test
    void showCreateRoutineLoadRecreatesAnEquivalentJob()
    {
        execute(STORY_B_JOB);
        RoutineLoadJob original = manager.job("dwx_test", "load_aggregate").orElseThrow();
        String create = value("show create routine load dwx_test.load_aggregate", 1);
        assertThat(query("show create routine load load_aggregate").columns()).extracting(MysqlColumn::name).containsExactly("Job", "Create Job");
        assertThat(create).startsWith("CREATE ROUTINE LOAD `dwx_test`.`load_aggregate` ON `customer_buy_aggregate`\n"
                + "COLUMNS(`commodity_id`, `customer_name`, `country`, `pay_time`, `price`, `pay_dt` = from_unixtime(pay_time, '%Y%m%d'))\n");
        assertThat(create).contains("\"property.sasl.jaas.config\" = \"******\"").doesNotContain("hunter2");

        execute("stop routine load for load_aggregate");
        execute(create);

        RoutineLoadJob copy = manager.job("dwx_test", "load_aggregate").orElseThrow();
        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.state()).isEqualTo(JobState.RUNNING);
        assertThat(copy.definition().columns()).isEqualTo(original.definition().columns());
        assertThat(copy.properties().jsonPaths()).isEqualTo(original.properties().jsonPaths());
        assertThat(copy.properties().timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(copy.source().topic()).isEqualTo("testA");
        assertThat(copy.source().groupId()).contains("story_b");
        assertThat(copy.source().consumerProperties()).containsEntry("sasl.jaas.config", "******");
        assertThat(value("show create routine load load_aggregate", 1)).isEqualTo(create);
    }

    @Test
    void loadPropertiesAreValidatedWithStarRocksMessages()
    {
        String prefix = "CREATE ROUTINE LOAD j ON customer_buy_aggregate ";
        String kafka = " FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", \"kafka_topic\" = \"t\")";
        assertThat(error(prefix + "COLUMNS(a), COLUMNS(b)" + kafka)).contains("repeat setting of columns info");
        assertThat(error(prefix + "WHERE a > 1, WHERE a > 2" + kafka)).contains("repeat setting of where predicate");
        assertThat(error(prefix + "COLUMNS TERMINATED BY ',', COLUMNS TERMINATED BY ';'" + kafka)).contains("repeat setting of column separator");
        assertThat(error(prefix + "COLUMNS TERMINATED BY '" + "x".repeat(51) + "'" + kafka)).contains("is longer than 50 bytes");
        assertThat(error(prefix + "PROPERTIES (\"max_batch_bytes\" = \"1\")" + kafka)).isEqualTo("max_batch_bytes is invalid property");
        assertThat(error(prefix + "PROPERTIES (\"format\" = \"avro\")" + kafka)).isEqualTo("Format type is invalid. format=`avro`");
        assertThat(error(prefix + "PROPERTIES (\"partial_update\" = \"true\")" + kafka)).isEqualTo("Only primary key table support partial update");
        assertThat(error(prefix + "FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", \"kafka_topic\" = \"t\", \"group.id\" = \"g\")"))
                .isEqualTo("group.id is invalid kafka custom property");
        assertThat(error(prefix + "FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", \"kafka_topic\" = \"t\", \"kafka_partitions\" = \"0,1\", \"kafka_offsets\" = \"0\")"))
                .isEqualTo("Partitions number should be equals to offsets number");
        assertThat(error(prefix + "FROM KAFKA (\"kafka_topic\" = \"t\")")).isEqualTo("kafka_broker_list is a required property");
        assertThat(manager.jobs()).isEmpty();

        execute(prefix + "COLUMNS TERMINATED BY '\\\\x01', ROWS TERMINATED BY '\\n', "
                + "COLUMNS(commodity_id, customer_name, country, pay_time, temp, price = temp * 2), WHERE price > 0, PARTITION(p1, p2)"
                + " PROPERTIES (\"enclose\" = \"'\", \"escape\" = \"\\\\\", \"trim_space\" = \"true\")" + kafka);
        RoutineLoadJob job = manager.job("dwx_test", "j").orElseThrow();
        assertThat(job.definition().columnSeparatorValue()).isEqualTo("\u0001");
        assertThat(job.definition().partitions()).containsExactly("p1", "p2");
        assertThat(job.definition().where()).contains("price > 0");
        assertThat(job.properties().enclose()).contains("'");
        assertThat(job.properties().escape()).contains("\\");
    }

    @Test
    void stateChangesAndTheirErrors()
    {
        execute(STORY_B_JOB);

        execute("pause routine load for load_aggregate");
        assertThat(error("pause routine load for dwx_test.load_aggregate")).isEqualTo("Could not transform PAUSED to PAUSED");
        Map<String, String> paused = showRow("show routine load for load_aggregate");
        assertThat(paused.get("State")).isEqualTo("PAUSED");
        assertThat(paused.get("PauseTime")).isNotNull();
        assertThat(paused.get("ReasonOfStateChanged")).isEqualTo("ErrorReason{errCode = 100, msg='User alice pauses routine load job'}");
        execute("resume routine load for load_aggregate");
        assertThat(showRow("show routine load for load_aggregate").get("State")).isEqualTo("RUNNING");
        execute("stop routine load for load_aggregate");
        assertThat(error("resume routine load for load_aggregate")).isEqualTo("Could not transform STOPPED to RUNNING");
        assertThat(error("pause routine load for nothere")).isEqualTo("There is not operable routine load job with name nothere");
        assertThat(error("show routine load for load_aggregate")).startsWith("There is no running job named load_aggregate in db dwx_test. Include history? false");
        assertThat(showRow("show all routine load for load_aggregate").get("State")).isEqualTo("STOPPED");
        assertThat(error("stop routine load for nodb.x")).isEqualTo("Unknown database 'nodb'");
    }

    @Test
    void showFiltersOrdersAndLimits()
    {
        execute(STORY_B_JOB);
        execute(STORY_B_JOB.replace("load_aggregate", "second_job"));
        execute(STORY_B_JOB.replace("load_aggregate", "third_job"));
        execute("pause routine load for second_job");
        execute("stop routine load for third_job");

        assertThat(column("show routine load", "Name")).containsExactly("load_aggregate", "second_job");
        assertThat(column("show all routine load", "Name")).containsExactly("load_aggregate", "second_job", "third_job");
        assertThat(column("show all routine load from dwx_test where State = \"PAUSED\"", "Name")).containsExactly("second_job");
        assertThat(column("show all routine load order by Name desc limit 2", "Name")).containsExactly("third_job", "second_job");
        assertThat(column("show all routine load order by Name limit 1, 1", "Name")).containsExactly("second_job");
        assertThat(error("show routine load where Nope = 'x'")).isEqualTo("Unknown column 'Nope' in 'where clause'");

        assertThat(execute("pause all routine load")).isEqualTo(1);
        assertThat(column("show routine load where state = 'PAUSED'", "Name")).containsExactly("load_aggregate", "second_job");
        assertThat(execute("resume all routine load")).isEqualTo(2);
        assertThat(column("show routine load where state = 'RUNNING'", "Name")).containsExactly("load_aggregate", "second_job");
    }

    @Test
    void showRoutineLoadTask()
    {
        execute(STORY_B_JOB);

        TestSession.Result tasks = query("show routine load task where JobName = \"load_aggregate\"");
        assertThat(tasks.columns()).extracting(MysqlColumn::name).containsExactly("TaskId", "TxnId", "TxnStatus", "JobId", "CreateTime",
                "LastScheduledTime", "ExecuteStartTime", "Timeout", "BeId", "DataSourceProperties", "Message");
        assertThat(tasks.rows()).isEmpty();
        assertThat(error("show routine load task")).isEqualTo("please designate a jobName in where expr such as JobName=\"ILoveStarRocks\"");
        assertThat(error("show routine load task where Name = 'x'"))
                .isEqualTo("show routine load job only support one equal expr which is sames like JobName=\"ILoveStarRocks\"");
        assertThat(error("show routine load task from dwx_test where JobName = 'nothere'"))
                .isEqualTo("The job named nothere does not exists or job state is stopped or cancelled");
    }

    @Test
    void alterThroughSql()
    {
        execute(STORY_B_JOB);

        execute("alter routine load for load_aggregate properties (\"max_error_number\" = \"100\", \"desired_concurrent_number\" = \"2\")");
        RoutineLoadJob job = manager.job("dwx_test", "load_aggregate").orElseThrow();
        assertThat(job.properties().maxErrorNumber()).isEqualTo(100);
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(error("alter routine load for load_aggregate properties (\"strict_mode\" = \"true\")")).startsWith("Only supports modification of PAUSED jobs");

        execute("pause routine load for load_aggregate");
        execute("alter routine load for load_aggregate COLUMNS(commodity_id, customer_name, country, pay_time, price), WHERE price > 10 "
                + "properties (\"strict_mode\" = \"true\") FROM KAFKA (\"property.client.id\" = \"mine\", \"kafka_broker_list\" = \"h4:9092\")");
        assertThat(job.properties().strictMode()).isTrue();
        assertThat(job.definition().where()).contains("price > 10");
        assertThat(job.definition().columns()).hasSize(5);
        assertThat(job.source().brokerList()).isEqualTo("h4:9092");
        assertThat(job.source().consumerProperties()).containsEntry("client.id", "mine");
        assertThat(error("alter routine load for load_aggregate FROM KAFKA (\"kafka_topic\" = \"other\")")).isEqualTo("kafka_topic is invalid kafka custom property");
        assertThat(error("alter routine load for load_aggregate FROM KAFKA (\"kafka_partitions\" = \"0\", \"kafka_offsets\" = \"5\")"))
                .isEqualTo("The specified partition 0 is not in the consumed partitions");
    }

    @Test
    void informationSchemaTables()
    {
        execute(STORY_B_JOB);
        RoutineLoadJob job = manager.job("dwx_test", "load_aggregate").orElseThrow();
        byte[] bad = "{\"commodity_id\": \"1\",\n \"price\": oops".getBytes(StandardCharsets.UTF_8);
        storage.commitLoad(job.tableId(), new LoadCommit(job.id(), job.generation(), nothing(), Map.of(0, 3L),
                new LoadJobCounters(3, 1, 2, 0, 100, 1, 0, 10),
                List.of(RejectedRecord.of(job.id(), 0, 1, 1_700_000_000_000L, "Invalid JSON", bad, true),
                        RejectedRecord.of(job.id(), 0, 2, 1_700_000_000_000L, "NULL value in non-nullable column id", new byte[] {'x'}, false)), 100));
        job.recordCommit(new LoadJobCounters(3, 1, 2, 0, 100, 1, 0, 10), Map.of(0, 3L), Map.of());

        assertThat(showRow("show routine load").get("TrackingSQL"))
                .isEqualTo("select tracking_log from information_schema.load_tracking_logs where job_id=" + job.id());
        assertThat(rows("select tracking_log from information_schema.load_tracking_logs where job_id=" + job.id())).containsExactly(
                "Error: Invalid JSON. Partition: 0, offset: 1. Message: {\"commodity_id\": \"1\",\\n \"price\": oops",
                "Error: NULL value in non-nullable column id. Partition: 0, offset: 2. Message: x");
        assertThat(rows("select job_id, label, database_name, type, `partition`, `offset`, reason, message from information_schema.load_tracking_logs "
                + "where job_id = " + job.id() + " and `offset` = 2"))
                .containsExactly(job.id() + " | load_aggregate | dwx_test | ROUTINE_LOAD | 0 | 2 | NULL value in non-nullable column id | x");
        assertThat(rows("select count(*) from information_schema.load_tracking_logs where job_id = " + (job.id() + 1000))).containsExactly("0");
        assertThat(rows("select name from information_schema.routine_load_jobs where id = " + job.id())).containsExactly("load_aggregate");

        assertThat(rows("select id, name, db_name, table_name, state, data_source_type, current_task_num, progress, tracking_sql "
                + "from information_schema.routine_load_jobs where name = 'load_aggregate' order by id"))
                .containsExactly(job.id() + " | load_aggregate | dwx_test | customer_buy_aggregate | RUNNING | KAFKA | 0 | {\"0\":\"2\"} | "
                        + "select tracking_log from information_schema.load_tracking_logs where job_id=" + job.id());
        assertThat(rows("select count(*) from information_schema.routine_load_jobs where create_time is not null and pause_time is null"))
                .containsExactly("1");

        execute("use information_schema");
        assertThat(rows("show tables")).contains("load_tracking_logs", "routine_load_jobs", "schemata", "tables", "columns");
        assertThat(rows("select name from routine_load_jobs")).containsExactly("load_aggregate");
        assertThat(rows("select name from routine_load_jobs where id = " + job.id())).containsExactly("load_aggregate");
        assertThat(rows("select * from load_tracking_logs where id = 1")).hasSize(1);
        MysqlResponse fields = session.fieldList("routine_load_jobs", null);
        assertThat(((MysqlResponse.FieldList) fields).columns()).extracting(MysqlColumn::name).startsWith("ID", "NAME", "CREATE_TIME");
        assertThat(error("select * from information_schema.nothere")).isEqualTo("Table 'information_schema.nothere' doesn't exist");
    }

    @Test
    void jobTimeZoneDefaultsToTheSessionTimeZone()
    {
        String create = "CREATE ROUTINE LOAD JOB ON customer_buy_aggregate FROM KAFKA (\"kafka_broker_list\" = \"h:9092\", \"kafka_topic\" = \"t\")";
        execute(create.replace("JOB", "system_zone"));
        execute("set time_zone = '+08:00'");
        execute(create.replace("JOB", "session_zone"));

        assertThat(manager.job("dwx_test", "system_zone").orElseThrow().properties().timeZone()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(manager.job("dwx_test", "session_zone").orElseThrow().properties().timeZone()).isEqualTo("+08:00");
        assertThat(error("create database information_schema")).isEqualTo("Can't create database 'information_schema'; database exists");
    }

    @Test
    void droppedDatabaseCancelsItsJobs()
    {
        execute(STORY_B_JOB);

        execute("drop database dwx_test");

        RoutineLoadJob job = manager.job("dwx_test", "load_aggregate").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.stateReason()).contains("ErrorReason{errCode = 5, msg='db dwx_test not exist'}");
        assertThat(rows("select state, reasons_of_state_changed from information_schema.routine_load_jobs"))
                .containsExactly("CANCELLED | ErrorReason{errCode = 5, msg='db dwx_test not exist'}");
    }

    private static TableWrite nothing()
    {
        return new TableWrite(List.of(), new ColumnBatch(List.of(), 0), null, Optional.empty(), Optional.empty());
    }

    private long execute(String sql)
    {
        return client.execute(sql);
    }

    private String error(String sql)
    {
        return client.error(sql).message();
    }

    private TestSession.Result query(String sql)
    {
        return client.query(sql);
    }

    private List<String> rows(String sql)
    {
        return client.rows(sql);
    }

    private String value(String sql, int column)
    {
        List<String[]> rows = query(sql).rows();
        assertThat(rows).hasSize(1);
        return rows.get(0)[column];
    }

    private Map<String, String> showRow(String sql)
    {
        TestSession.Result result = query(sql);
        assertThat(result.rows()).hasSize(1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < result.columns().size(); i++) {
            row.put(result.columns().get(i).name(), result.rows().get(0)[i]);
        }
        return row;
    }

    private List<String> column(String sql, String name)
    {
        TestSession.Result result = query(sql);
        int index = result.columns().stream().map(MysqlColumn::name).toList().indexOf(name);
        List<String> values = new ArrayList<>();
        result.rows().forEach(row -> values.add(row[index]));
        return values;
    }
}
