package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Story B of the reference on one node: an AGGREGATE KEY and a DUPLICATE KEY table without replication_num, a
 * COLUMNS expression (from_unixtime), three brokers in the list of which one answers, and OFFSET_END.
 */
class StoryBIT
{
    private static final String TOPIC = "testA";

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        cluster.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aggregateAndDuplicateTablesLoadTheSameTopic()
    {
        String brokers = "host1.invalid:9092,host2.invalid:9092," + cluster.bootstrapServers();
        String script = """
                create database dwx_test;
                use dwx_test;
                CREATE TABLE `customer_buy_aggregate` (
                    `commodity_id` varchar(26) NULL COMMENT "品类ID",
                    `customer_name` varchar(26) NULL COMMENT "顾客姓名",
                    `country` varchar(26) NULL COMMENT "顾客国籍",
                    `pay_time` bigint(20) NULL COMMENT "支付时间",
                    `pay_dt` date NULL COMMENT "支付日期",
                    `price`double SUM NULL COMMENT "支付金额"
                ) ENGINE=OLAP
                AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
                DISTRIBUTED BY HASH(`commodity_id`) BUCKETS 5;

                CREATE TABLE `customer_buy_info` (
                    `commodity_id` varchar(26) NULL COMMENT "品类ID",
                    `customer_name` varchar(26) NULL COMMENT "顾客姓名",
                    `country` varchar(26) NULL COMMENT "顾客国籍",
                    `pay_time` bigint(20) NULL COMMENT "支付时间",
                    `pay_dt` date NULL COMMENT "支付日期",
                    `price`double NULL COMMENT "支付金额"
                ) ENGINE=OLAP
                DUPLICATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
                DISTRIBUTED BY HASH(`commodity_id`) BUCKETS 5;

                CREATE ROUTINE LOAD dwx_test.load_aggregate ON customer_buy_aggregate
                COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d'))
                PROPERTIES ("desired_concurrent_number"="5", "format" ="json",
                  "jsonpaths" ="[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]")
                FROM KAFKA ("kafka_broker_list"="BROKERS", "kafka_topic" = "testA",
                            "property.kafka_default_offsets" = "OFFSET_END");

                CREATE ROUTINE LOAD dwx_test.load_info ON customer_buy_info
                COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d'))
                PROPERTIES ("desired_concurrent_number"="5", "format" ="json",
                  "jsonpaths" ="[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]")
                FROM KAFKA ("kafka_broker_list"="BROKERS", "kafka_topic" = "testA",
                            "property.kafka_default_offsets" = "OFFSET_END");
                """.replace("BROKERS", brokers);
        MysqlCli.Result created = cluster.mysql().script(null, script);
        assertThat(created.exitCode()).as(created.error()).isZero();

        // OFFSET_END: jobs start at the end, so wait until both jobs have pinned their start before producing.
        SluiceCluster.awaitTrue("jobs positioned at the end of the topic", () -> {
            String show = cluster.mysql().execute("dwx_test", "show routine load\\G").output();
            return show.split("Progress: \\{\"0\":\"OFFSET_ZERO\",\"1\":\"OFFSET_ZERO\"}", -1).length == 3;
        });

        String mark = "{\"commodity_id\": \"1\", \"customer_name\": \"Mark Twain\", \"country\": \"US\",\"pay_time\": 1589191487,\"price\": 875}";
        String oscar = "{\"commodity_id\": \"2\", \"customer_name\": \"Oscar Wilde\", \"country\": \"UK\",\"pay_time\": 1589191487,\"price\": 895}";
        cluster.produce(TOPIC, List.of(mark, oscar, mark, mark));

        SluiceCluster.awaitTrue("4 info rows", () -> count("customer_buy_info") == 4);
        SluiceCluster.awaitTrue("2 aggregate rows", () -> count("customer_buy_aggregate") == 2);

        MysqlCli.Result aggregate = cluster.mysql().execute("dwx_test", "select * from customer_buy_aggregate order by commodity_id");
        assertThat(aggregate.output()).isEqualTo("""
                commodity_id\tcustomer_name\tcountry\tpay_time\tpay_dt\tprice
                1\tMark Twain\tUS\t1589191487\t2020-05-11\t2625
                2\tOscar Wilde\tUK\t1589191487\t2020-05-11\t895
                """);
        MysqlCli.Result show = cluster.mysql().execute("dwx_test", "show routine load for load_aggregate\\G");
        assertThat(show.output()).contains("State: RUNNING").contains("\"loadedRows\":4").contains("\"errorRows\":0");
    }

    private static long count(String table)
    {
        MysqlCli.Result result = cluster.mysql().execute("dwx_test", "select count(*) from " + table, "-N", "-B");
        assertThat(result.exitCode()).as(result.error()).isZero();
        return Long.parseLong(result.output().trim());
    }
}
