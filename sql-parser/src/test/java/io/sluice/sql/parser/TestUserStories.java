package io.sluice.sql.parser;

import io.sluice.sql.ast.DistributionKind;
import io.sluice.sql.ast.KeysType;
import io.sluice.sql.ast.SqlColumnDefinition;
import io.sluice.sql.ast.SqlCreateDatabase;
import io.sluice.sql.ast.SqlCreateRoutineLoad;
import io.sluice.sql.ast.SqlCreateTable;
import io.sluice.sql.ast.SqlLoadColumn;
import io.sluice.sql.ast.SqlShowRoutineLoad;
import io.sluice.sql.ast.SqlUseDatabase;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.assertRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The statements of the two user stories in routine-load.md, word for word, as the mysql client sends them. */
class TestUserStories
{
    @Test
    void storyAStatements()
    {
        assertThat(parse("create database automq_db;", SqlCreateDatabase.class).databaseName()).isEqualTo("automq_db");
        assertThat(parse("use automq_db;", SqlUseDatabase.class).databaseName()).isEqualTo("automq_db");
        // The mysql client strips \G before sending.
        SqlShowRoutineLoad show = parse("show routine load", SqlShowRoutineLoad.class);
        assertThat(show.all()).isFalse();
        assertThat(show.jobName()).isNull();
        SqlSelect select = parse("select * from users;", SqlSelect.class);
        assertThat(select.getFrom()).hasToString("users");
    }

    @Test
    void storyACreateTable()
    {
        SqlCreateTable table = parse("""
                create table users (
                  id bigint NOT NULL,
                  name string NOT NULL,
                  timestamp string NULL,
                  status string NULL
                ) PRIMARY KEY (id)
                DISTRIBUTED BY HASH(id)
                PROPERTIES ("replication_num" = "1", "enable_persistent_index" = "true");
                """, SqlCreateTable.class);

        assertThat(table.databaseName()).isNull();
        assertThat(table.tableName()).isEqualTo("users");
        assertThat(table.ifNotExists()).isFalse();
        assertThat(table.columns()).extracting(SqlColumnDefinition::name).containsExactly("id", "name", "timestamp", "status");
        assertThat(table.columns()).extracting(SqlColumnDefinition::typeName).containsExactly("BIGINT", "STRING", "STRING", "STRING");
        assertThat(table.columns()).extracting(SqlColumnDefinition::nullable).containsExactly(false, false, true, true);
        assertThat(table.columns()).extracting(SqlColumnDefinition::aggregateFunction).containsOnlyNulls();
        assertThat(table.keysType()).isEqualTo(KeysType.PRIMARY);
        assertThat(table.keyColumns()).containsExactly("id");
        assertThat(table.distributionKind()).isEqualTo(DistributionKind.HASH);
        assertThat(table.distributionColumns()).containsExactly("id");
        assertThat(table.buckets()).isNull();
        assertThat(table.engine()).isNull();
        assertThat(table.orderByColumns()).isEmpty();
        assertThat(table.properties()).containsExactly(entry("replication_num", "1"), entry("enable_persistent_index", "true"));
        assertRoundTrip(table);
    }

    @Test
    void storyACreateRoutineLoad()
    {
        SqlCreateRoutineLoad load = parse("""
                CREATE ROUTINE LOAD automq_example_load ON users
                COLUMNS(id, name, timestamp, status)
                PROPERTIES ("desired_concurrent_number" = "5", "format" = "json",
                            "jsonpaths" = "[\\"$.id\\",\\"$.name\\",\\"$.timestamp\\",\\"$.status\\"]")
                FROM KAFKA ("kafka_broker_list" = "127.0.0.1:9092", "kafka_topic" = "example_topic",
                            "kafka_partitions" = "0", "property.kafka_default_offsets" = "OFFSET_BEGINNING");
                """, SqlCreateRoutineLoad.class);

        assertThat(load.databaseName()).isNull();
        assertThat(load.jobName()).isEqualTo("automq_example_load");
        assertThat(load.tableName()).isEqualTo("users");
        assertThat(load.columns()).extracting(SqlLoadColumn::name).containsExactly("id", "name", "timestamp", "status");
        assertThat(load.columns()).extracting(SqlLoadColumn::expression).containsOnlyNulls();
        assertThat(load.where()).isNull();
        assertThat(load.columnSeparator()).isNull();
        assertThat(load.rowDelimiter()).isNull();
        assertThat(load.partitions()).isEmpty();
        assertThat(load.jobProperties()).containsExactly(
                entry("desired_concurrent_number", "5"),
                entry("format", "json"),
                entry("jsonpaths", "[\"$.id\",\"$.name\",\"$.timestamp\",\"$.status\"]"));
        assertThat(load.dataSourceType()).isEqualTo("KAFKA");
        assertThat(load.dataSourceProperties()).containsExactly(
                entry("kafka_broker_list", "127.0.0.1:9092"),
                entry("kafka_topic", "example_topic"),
                entry("kafka_partitions", "0"),
                entry("property.kafka_default_offsets", "OFFSET_BEGINNING"));
        assertRoundTrip(load);
    }

    @Test
    void storyBCreateTable()
    {
        SqlCreateTable table = parse("""
                CREATE TABLE `customer_buy_aggregate` (
                    `commodity_id` varchar(26) NULL COMMENT "品类ID",
                    `customer_name` varchar(26) NULL COMMENT "顾客姓名",
                    `country` varchar(26) NULL COMMENT "顾客国籍",
                    `pay_time` bigint(20) NULL COMMENT "支付时间",
                    `pay_dt` date NULL COMMENT "支付日期",
                    `price`double SUM NULL COMMENT "支付金额"
                ) ENGINE=OLAP
                AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
                DISTRIBUTED BY HASH(`commodity_id`) BUCKETS 5;            -- note: no PROPERTIES; must work on one node
                """, SqlCreateTable.class);

        assertThat(table.tableName()).isEqualTo("customer_buy_aggregate");
        assertThat(table.engine()).isEqualTo("OLAP");
        assertThat(table.keysType()).isEqualTo(KeysType.AGGREGATE);
        assertThat(table.keyColumns()).containsExactly("commodity_id", "customer_name", "country", "pay_time", "pay_dt");
        assertThat(table.distributionKind()).isEqualTo(DistributionKind.HASH);
        assertThat(table.distributionColumns()).containsExactly("commodity_id");
        assertThat(table.buckets()).isEqualTo(5);
        assertThat(table.properties()).isEmpty();
        assertThat(table.comment()).isNull();

        List<SqlColumnDefinition> columns = table.columns();
        assertThat(columns).extracting(SqlColumnDefinition::name)
                .containsExactly("commodity_id", "customer_name", "country", "pay_time", "pay_dt", "price");
        assertThat(columns).extracting(SqlColumnDefinition::typeName)
                .containsExactly("VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "DATE", "DOUBLE");
        assertThat(columns).extracting(SqlColumnDefinition::length).containsExactly(26, 26, 26, null, null, null);
        assertThat(columns).extracting(SqlColumnDefinition::nullable).containsOnly(true);
        assertThat(columns).extracting(SqlColumnDefinition::comment)
                .containsExactly("品类ID", "顾客姓名", "顾客国籍", "支付时间", "支付日期", "支付金额");
        assertThat(columns).extracting(SqlColumnDefinition::aggregateFunction)
                .containsExactly(null, null, null, null, null, "SUM");
        assertRoundTrip(table);
    }

    @Test
    void storyBCreateRoutineLoad()
    {
        SqlCreateRoutineLoad load = parse("""
                CREATE ROUTINE LOAD dwx_test.load_aggregate ON customer_buy_aggregate
                COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d'))
                PROPERTIES ("desired_concurrent_number"="5", "format" ="json",
                  "jsonpaths" ="[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]")
                FROM KAFKA ("kafka_broker_list"="host1:9092,host2:9092,host3:9092", "kafka_topic" = "testA",
                            "property.kafka_default_offsets" = "OFFSET_END");
                """, SqlCreateRoutineLoad.class);

        assertThat(load.databaseName()).isEqualTo("dwx_test");
        assertThat(load.jobName()).isEqualTo("load_aggregate");
        assertThat(load.tableName()).isEqualTo("customer_buy_aggregate");
        assertThat(load.columns()).extracting(SqlLoadColumn::name)
                .containsExactly("commodity_id", "customer_name", "country", "pay_time", "price", "pay_dt");
        assertThat(load.columns().subList(0, 5)).extracting(SqlLoadColumn::expression).containsOnlyNulls();

        SqlBasicCall mapping = (SqlBasicCall) load.columns().get(5).expression();
        assertThat(mapping.getOperator().getName()).isEqualTo("from_unixtime");
        assertThat(mapping.getOperandList()).hasSize(2);
        assertThat(((SqlIdentifier) mapping.operand(0)).getSimple()).isEqualTo("pay_time");
        assertThat(((SqlCharStringLiteral) mapping.operand(1)).getValueAs(String.class)).isEqualTo("%Y%m%d");

        assertThat(load.jobProperties()).containsExactly(
                entry("desired_concurrent_number", "5"),
                entry("format", "json"),
                entry("jsonpaths", "[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]"));
        assertThat(load.dataSourceProperties()).containsExactly(
                entry("kafka_broker_list", "host1:9092,host2:9092,host3:9092"),
                entry("kafka_topic", "testA"),
                entry("property.kafka_default_offsets", "OFFSET_END"));
        assertRoundTrip(load);
    }
}
