package io.sluice.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every data-format option of routine load through the real statements and a real KRaft broker: JSON jsonpaths,
 * json_root, strip_outer_array, matching by name, defaults and rejected messages; CSV separators (multi-byte, hex),
 * row delimiters, enclose, escape, trim_space, {@code \N} and wrong column counts; COLUMNS expressions in the job's
 * or the creating session's time zone, WHERE, and strict_mode. Each test has its own topics, tables and jobs; each
 * job reads its topic from the beginning and is stopped once its progress reaches the last message.
 */
class RoutineLoadFormatsIT
{
    private static final String DATABASE = "formats";
    private static final Pattern COUNTER = Pattern.compile("\"(\\w+)\":(-?\\d+)");

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        new SqlClient(cluster, null).execute("create database " + DATABASE);
        sql = new SqlClient(cluster, DATABASE);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void jsonPathsReachNestedFieldsAndArrayElements()
    {
        sql.execute("create table json_paths (id bigint NOT NULL, city string NULL, price decimal(10, 2) NULL, tag string NULL) "
                + "DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("json_paths", List.of(
                "{\"id\": 1, \"address\": {\"city\": \"Oslo\", \"zip\": \"0150\"}, \"items\": [{\"price\": 1.5}, {\"price\": 2.25}], "
                        + "\"tags\": [\"red\", \"big\"]}",
                // No second item and no tag: the paths find nothing, so the computed columns are NULL.
                "{\"id\": 2, \"address\": {\"city\": \"Lima\"}, \"items\": [{\"price\": 9}], \"tags\": []}",
                "{\"tags\": [\"blue\"], \"items\": [{\"price\": 0}, {\"price\": 7, \"currency\": \"EUR\"}, {\"price\": 8}], "
                        + "\"address\": {\"city\": \"Kyiv\"}, \"id\": 3}"));

        Map<String, String> show = load("json_paths", "json_paths",
                "COLUMNS(id, city, second_price, first_tag, price = second_price * 2, tag = upper(first_tag))",
                "\"format\" = \"json\", \"jsonpaths\" = \"[\\\"$.id\\\", \\\"$.address.city\\\", \\\"$.items[1].price\\\", \\\"$.tags[0]\\\"]\"", 3);

        assertThat(counters(show)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L).containsEntry("totalRows", 3L);
        assertThat(rows("select id, city, price, tag from json_paths order by id")).containsExactly(
                "1|Oslo|4.50|RED",
                "2|Lima|null|null",
                "3|Kyiv|14.00|BLUE");
    }

    @Test
    void jsonRootWithStripOuterArrayLoadsEveryElement()
    {
        for (String table : List.of("json_root", "json_root_paths")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, name string NULL, score bigint NULL) "
                    + "DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        produce("json_root", List.of(
                "{\"meta\": {\"source\": \"a\"}, \"data\": [{\"id\": 1, \"name\": \"x\", \"score\": 10}, {\"id\": 2, \"name\": \"y\", \"score\": 20}, "
                        + "{\"id\": 3, \"name\": \"z\"}]}",
                "{\"data\": [{\"score\": 40, \"id\": 4, \"name\": \"w\"}], \"meta\": {\"source\": \"b\"}}"));

        Map<String, String> show = load("json_root", "json_root", "",
                "\"format\" = \"json\", \"json_root\" = \"$.data\", \"strip_outer_array\" = \"true\"", 2);

        // jsonpaths are relative to each element under json_root.
        Map<String, String> paths = load("json_root_paths", "json_root", "COLUMNS(id, name, score)",
                "\"format\" = \"json\", \"json_root\" = \"$.data\", \"strip_outer_array\" = \"true\", "
                        + "\"jsonpaths\" = \"[\\\"$.id\\\", \\\"$.name\\\", \\\"$.score\\\"]\"", 2);

        for (Map<String, String> statistic : List.of(show, paths)) {
            assertThat(counters(statistic)).containsEntry("loadedRows", 4L).containsEntry("errorRows", 0L).containsEntry("totalRows", 4L);
        }
        assertThat(rows("select id, name, score from json_root order by id")).containsExactly("1|x|10", "2|y|20", "3|z|null", "4|w|40");
        assertThat(rows("select id, name, score from json_root_paths order by id")).containsExactly("1|x|10", "2|y|20", "3|z|null", "4|w|40");
    }

    @Test
    void jsonByNameKeepsNestedValuesAsTextAndFillsDefaults()
    {
        sql.execute("create table json_names (id bigint NOT NULL, name string NULL, attrs string NULL, tags string NULL, "
                + "status string NULL DEFAULT 'new', priority int NOT NULL DEFAULT '7', score bigint NULL) "
                + "DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("json_names", List.of(
                "{\"id\": 1, \"name\": \"a\", \"attrs\": {\"k\": \"v\", \"n\": [1, 2]}, \"tags\": [\"x\", \"y\"], \"status\": \"done\", "
                        + "\"priority\": 1, \"score\": 5}",
                // Missing fields take the column's default (NULL without one); names match ignoring case.
                "{\"id\": 2, \"Name\": \"b\", \"attrs\": {}, \"tags\": []}",
                // JSON null is NULL, not the default; unknown fields are ignored.
                "{\"id\": 3, \"name\": null, \"status\": null, \"extra\": {\"ignored\": true}}"));

        Map<String, String> show = load("json_names", "json_names", "", "\"format\" = \"json\"", 3);

        assertThat(counters(show)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, name, attrs, tags, status, priority, score from json_names order by id")).containsExactly(
                "1|a|{\"k\":\"v\",\"n\":[1,2]}|[\"x\",\"y\"]|done|1|5",
                "2|b|{}|[]|new|7|null",
                "3|null|null|null|null|7|null");
    }

    @Test
    void unparseableJsonMessagesAreRejectedAndTracked()
    {
        sql.execute("create table json_rejects (id bigint NOT NULL, name string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("json_rejects", List.of(
                "{\"id\": 1, \"name\": \"a\"}",
                "[{\"id\": 2, \"name\": \"b\"}]",
                "not json at all",
                "{\"id\": 4, \"name\": \"d\"}",
                "{\"id\": 5, \"name\": \"e\""));

        Map<String, String> show = load("json_rejects", "json_rejects", "", "\"format\" = \"json\", \"max_error_number\" = \"10\"", 5);

        assertThat(counters(show)).containsEntry("loadedRows", 2L).containsEntry("errorRows", 3L).containsEntry("totalRows", 5L);
        assertThat(show.get("State")).isEqualTo("RUNNING");
        assertThat(show.get("TrackingSQL")).contains("information_schema.load_tracking_logs").contains(show.get("Id"));
        assertThat(rows("select id, name from json_rejects order by id")).containsExactly("1|a", "4|d");

        List<Map<String, String>> rejected = sql.rows("select label, `partition`, `offset`, reason, message, tracking_log "
                + "from information_schema.load_tracking_logs where job_id = " + show.get("Id") + " order by `offset`");
        assertThat(rejected).extracting(row -> row.get("label") + "|" + row.get("partition") + "|" + row.get("offset") + "|" + row.get("message"))
                .containsExactly(
                        "json_rejects_load|0|1|[{\"id\": 2, \"name\": \"b\"}]",
                        "json_rejects_load|0|2|not json at all",
                        "json_rejects_load|0|4|{\"id\": 5, \"name\": \"e\"");
        assertThat(rejected.get(0).get("reason")).isEqualTo("The JSON message is an array; set strip_outer_array to true to load its elements");
        assertThat(rejected.get(1).get("reason")).startsWith("Invalid JSON at byte 0");
        assertThat(rejected.get(2).get("reason")).startsWith("Invalid JSON").contains("end-of-input");
        assertThat(rejected.get(1).get("tracking_log")).contains("Partition: 0, offset: 2").contains("not json at all");
    }

    @Test
    void csvMultiByteSeparatorsAndRowDelimiters()
    {
        for (String table : List.of("csv_pipes", "csv_semicolons")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, name string NULL, city string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        // Several rows per message on the default newline; a lone '|' is data, and the trailing newline adds no row.
        produce("csv_pipes", List.of("1||ann||Oslo\n2||bob||Lima", "3||c|y||Rome\n"));
        // A three-byte separator and ';' between rows: a newline is then part of a field.
        produce("csv_semicolons", List.of("4→dan→Kyiv;5→eve→Baku;", "6→multi\nline→Pune"));

        Map<String, String> pipes = load("csv_pipes", "csv_pipes", "COLUMNS TERMINATED BY \"||\", ROWS TERMINATED BY \"\\n\"", "", 2);
        Map<String, String> semicolons = load("csv_semicolons", "csv_semicolons",
                "COLUMNS TERMINATED BY '→', ROWS TERMINATED BY ';', COLUMNS(id, name, city)", "\"format\" = \"csv\"", 2);

        assertThat(counters(pipes)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, name, city from csv_pipes order by id")).containsExactly("1|ann|Oslo", "2|bob|Lima", "3|c|y|Rome");
        assertThat(counters(semicolons)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, name, city from csv_semicolons order by id")).containsExactly("4|dan|Kyiv", "5|eve|Baku", "6|multi\nline|Pune");
    }

    @Test
    void csvHexSeparators()
    {
        for (String table : List.of("csv_hex_x", "csv_hex_0x")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, name string NULL, city string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        produce("csv_hex_x", List.of("1\u0001a\u0001x\n2\u0001b\u0001y", "3\u0001c,d\u0001z"));
        produce("csv_hex_0x", List.of("4\u0001e\u0001w\u00025\u0001f\u0001v", "6\u0001g\tg\u0001u\u0002"));

        // In SQL text '\\x01' is the four characters \x01 (MySQL's escapes), which the separator reads as hex.
        Map<String, String> backslash = load("csv_hex_x", "csv_hex_x", "COLUMNS TERMINATED BY '\\\\x01'", "", 2);
        Map<String, String> zeroX = load("csv_hex_0x", "csv_hex_0x", "COLUMNS TERMINATED BY \"0x01\", ROWS TERMINATED BY \"0x02\"", "", 2);

        assertThat(counters(backslash)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, name, city from csv_hex_x order by id")).containsExactly("1|a|x", "2|b|y", "3|c,d|z");
        assertThat(counters(zeroX)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, name, city from csv_hex_0x order by id")).containsExactly("4|e|w", "5|f|v", "6|g\tg|u");
    }

    @Test
    void csvEncloseEscapeTrimSpaceAndNull()
    {
        sql.execute("create table csv_quotes (id bigint NOT NULL, text string NULL, note string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("csv_quotes", List.of(
                // A separator inside quotes, and quotes escaped with the escape byte.
                "1,\"a,b\",plain\n2,\"say \\\"hi\\\"\", x ",
                // Spaces around fields go; \N is NULL.
                "3 ,  spaced  ,\\N",
                // A doubled enclose is one quote; spaces inside quotes stay.
                "4,\"it\"\"s\",  \" kept \"  ",
                // Outside quotes the escape byte makes the separator and itself literal.
                "5,a\\,b,c\\\\d"));

        Map<String, String> show = load("csv_quotes", "csv_quotes", "COLUMNS TERMINATED BY ','",
                "\"enclose\" = '\"', \"escape\" = '\\\\', \"trim_space\" = \"true\"", 4);

        assertThat(counters(show)).containsEntry("loadedRows", 5L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, text, note from csv_quotes order by id")).containsExactly(
                "1|a,b|plain",
                "2|say \"hi\"|x",
                "3|spaced|null",
                "4|it\"s| kept ",
                "5|a,b|c\\d");
    }

    @Test
    void csvRowsWithTheWrongColumnCountAreErrors()
    {
        sql.execute("create table csv_counts (id bigint NOT NULL, name string NULL, city string NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("csv_counts", List.of("1,a,x\n2,b", "3,c,y,extra", "4,d,z"));

        Map<String, String> show = load("csv_counts", "csv_counts", "COLUMNS TERMINATED BY ','", "\"max_error_number\" = \"5\"", 3);

        assertThat(counters(show)).containsEntry("loadedRows", 2L).containsEntry("errorRows", 2L).containsEntry("totalRows", 4L);
        assertThat(show.get("State")).isEqualTo("RUNNING");
        assertThat(rows("select id, name, city from csv_counts order by id")).containsExactly("1|a|x", "4|d|z");
        assertThat(rows("select `offset`, reason from information_schema.load_tracking_logs where job_id = " + show.get("Id") + " order by `offset`"))
                .containsExactly(
                        "0|Target column count: 3 doesn't match source value column count: 2. Column separator: ',', Row delimiter: '\\n'. Row: 2,b",
                        "1|Target column count: 3 doesn't match source value column count: 4. Column separator: ',', Row delimiter: '\\n'. Row: 3,c,y,extra");
    }

    @Test
    void columnExpressionsFollowTheJobTimeZoneAndWhereFiltersRows()
            throws SQLException
    {
        for (String table : List.of("times_shanghai", "times_utc", "times_session")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, label string NULL, dt datetime NULL, pay_dt date NULL) "
                    + "DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        produce("times", List.of(
                "{\"id\": 1, \"name\": \"ann\", \"ts\": 1700000000}",
                "{\"id\": 2, \"name\": \"bob\", \"ts\": 1600000000}",
                "{\"id\": 3, \"name\": \"cy\", \"ts\": 5}",
                "{\"id\": 4, \"name\": \"dan\", \"ts\": 1699999200}"));

        String columns = "COLUMNS(id, name, ts, label = concat(upper(name), '-', id), dt = from_unixtime(ts), pay_dt = from_unixtime(ts, '%Y%m%d')), "
                + "WHERE ts > 1000000000";
        Map<String, String> shanghai = load("times_shanghai", "times", columns, "\"format\" = \"json\", \"timezone\" = \"Asia/Shanghai\"", 4);
        Map<String, String> utc = load("times_utc", "times", columns, "\"format\" = \"json\", \"timezone\" = \"UTC\"", 4);
        // Without the property the job keeps the time zone of the session that created it.
        try (Connection connection = cluster.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("set time_zone = '+08:00'");
            statement.execute(createStatement("times_session", "times", columns, "\"format\" = \"json\""));
        }
        Map<String, String> session = awaitLoaded("times_session", "times", 4);

        for (Map<String, String> show : List.of(shanghai, utc, session)) {
            assertThat(counters(show)).containsEntry("loadedRows", 3L).containsEntry("unselectedRows", 1L).containsEntry("errorRows", 0L)
                    .containsEntry("totalRows", 4L);
        }
        assertThat(rows("select id, label, dt, pay_dt from times_shanghai order by id")).containsExactly(
                "1|ANN-1|2023-11-15 06:13:20|2023-11-15",
                "2|BOB-2|2020-09-13 20:26:40|2020-09-13",
                "4|DAN-4|2023-11-15 06:00:00|2023-11-15");
        assertThat(rows("select id, label, dt, pay_dt from times_session order by id"))
                .isEqualTo(rows("select id, label, dt, pay_dt from times_shanghai order by id"));
        assertThat(rows("select id, label, dt, pay_dt from times_utc order by id")).containsExactly(
                "1|ANN-1|2023-11-14 22:13:20|2023-11-14",
                "2|BOB-2|2020-09-13 12:26:40|2020-09-13",
                "4|DAN-4|2023-11-14 22:00:00|2023-11-14");
    }

    @Test
    void strictModeRejectsWhatNonStrictModeLoadsAsNull()
    {
        for (String table : List.of("strict_on", "strict_off")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, amount int NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        produce("strict", List.of("1,10", "2,abc", "3,\\N"));

        Map<String, String> strict = load("strict_on", "strict", "COLUMNS TERMINATED BY ','",
                "\"strict_mode\" = \"true\", \"max_error_number\" = \"5\"", 3);
        Map<String, String> lenient = load("strict_off", "strict", "COLUMNS TERMINATED BY ','", "\"strict_mode\" = \"false\"", 3);

        assertThat(counters(strict)).containsEntry("loadedRows", 2L).containsEntry("errorRows", 1L);
        assertThat(rows("select id, amount from strict_on order by id")).containsExactly("1|10", "3|null");
        assertThat(sql.value("select reason from information_schema.load_tracking_logs where job_id = " + strict.get("Id"))).contains("abc");
        assertThat(counters(lenient)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, amount from strict_off order by id")).containsExactly("1|10", "2|null", "3|null");
    }

    /** StarRocks' own strict mode example: {@code \N}, abc, 2000 and 1 into a TINYINT column. */
    @Test
    void strictModeRejectsAnOutOfRangeValue()
    {
        sql.execute("create table tiny_strict (id bigint NOT NULL, small tinyint NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("tiny_strict", List.of("1,\\N", "2,abc", "3,2000", "4,1"));

        Map<String, String> show = load("tiny_strict", "tiny_strict", "COLUMNS TERMINATED BY ','",
                "\"strict_mode\" = \"true\", \"max_error_number\" = \"5\"", 4);

        assertThat(counters(show)).containsEntry("loadedRows", 2L).containsEntry("errorRows", 2L);
        assertThat(rows("select id, small from tiny_strict order by id")).containsExactly("1|null", "4|1");
    }

    /**
     * The same without strict mode. StarRocks loads 2000 into TINYINT as NULL here; we reject the row in both modes,
     * because a value that parses but does not fit the column must never be silently changed (README, strict_mode).
     */
    @Test
    void anOutOfRangeValueIsAnErrorRowEvenWithoutStrictMode()
    {
        sql.execute("create table tiny_lenient (id bigint NOT NULL, small tinyint NULL) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        produce("tiny_lenient", List.of("1,\\N", "2,abc", "3,2000", "4,1"));

        Map<String, String> show = load("tiny_lenient", "tiny_lenient", "COLUMNS TERMINATED BY ','",
                "\"strict_mode\" = \"false\", \"max_error_number\" = \"5\"", 4);

        assertThat(counters(show)).containsEntry("loadedRows", 3L).containsEntry("errorRows", 1L);
        assertThat(rows("select id, small from tiny_lenient order by id")).containsExactly("1|null", "2|null", "4|1");
    }

    @Test
    void strictModeAppliesToJsonValuesToo()
    {
        for (String table : List.of("strict_json_on", "strict_json_off")) {
            sql.execute("create table " + table + " (id bigint NOT NULL, amount int NULL, day_of date NULL) "
                    + "DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        }
        produce("strict_json", List.of(
                "{\"id\": 1, \"amount\": 10, \"day_of\": \"2024-02-29\"}",
                "{\"id\": 2, \"amount\": \"abc\", \"day_of\": \"2024-03-01\"}",
                "{\"id\": 3, \"amount\": 30, \"day_of\": \"not a date\"}",
                // JSON null and a missing field are NULL in both modes: nothing failed to convert.
                "{\"id\": 4, \"amount\": null}"));

        Map<String, String> strict = load("strict_json_on", "strict_json", "",
                "\"format\" = \"json\", \"strict_mode\" = \"true\", \"max_error_number\" = \"5\"", 4);
        Map<String, String> lenient = load("strict_json_off", "strict_json", "", "\"format\" = \"json\"", 4);

        assertThat(counters(strict)).containsEntry("loadedRows", 2L).containsEntry("errorRows", 2L);
        assertThat(rows("select id, amount, day_of from strict_json_on order by id")).containsExactly("1|10|2024-02-29", "4|null|null");
        assertThat(counters(lenient)).containsEntry("loadedRows", 4L).containsEntry("errorRows", 0L);
        assertThat(rows("select id, amount, day_of from strict_json_off order by id")).containsExactly(
                "1|10|2024-02-29", "2|null|2024-03-01", "3|30|null", "4|null|null");
    }

    /**
     * Creates job {@code <table>_load} on the table for the topic, read from its beginning, waits until it has loaded
     * the topic's messages, stops it and returns its last SHOW ROUTINE LOAD row.
     */
    private static Map<String, String> load(String table, String topic, String loadProperties, String jobProperties, int messages)
    {
        sql.execute(createStatement(table, topic, loadProperties, jobProperties));
        return awaitLoaded(table, topic, messages);
    }

    private static String createStatement(String table, String topic, String loadProperties, String jobProperties)
    {
        return "CREATE ROUTINE LOAD " + table + "_load ON " + table + " " + loadProperties
                + (jobProperties.isEmpty() ? "" : " PROPERTIES (" + jobProperties + ")")
                + " FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + topic + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")";
    }

    /** Waits until job {@code <table>_load} has loaded all messages of the topic, stops it and returns its last SHOW row. */
    private static Map<String, String> awaitLoaded(String table, String topic, int messages)
    {
        String job = table + "_load";
        Map<String, String> show = sql.awaitShow(job, "all " + messages + " messages of " + topic,
                row -> row.get("Progress").equals("{\"0\":\"" + (messages - 1) + "\"}"));
        sql.execute("STOP ROUTINE LOAD FOR " + job);
        return show;
    }

    /** One message per string, all in partition 0 so that offsets follow the list; returns once the broker has them all. */
    private static void produce(String topic, List<String> messages)
    {
        cluster.createTopic(topic, 1);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (String message : messages) {
                sends.add(producer.send(new ProducerRecord<>(topic, 0, null, message)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
        catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Cannot produce to " + topic, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The numbers of the Statistic column (loadedRows, errorRows, unselectedRows, totalRows...). */
    private static Map<String, Long> counters(Map<String, String> show)
    {
        Map<String, Long> counters = new LinkedHashMap<>();
        Matcher matcher = COUNTER.matcher(show.get("Statistic"));
        while (matcher.find()) {
            counters.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return counters;
    }

    /** Each row as its values joined by '|', NULL as "null". */
    private static List<String> rows(String query)
    {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : sql.rows(query)) {
            rows.add(String.join("|", row.values().stream().map(String::valueOf).toList()));
        }
        return rows;
    }
}
