package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts and privileges through real clients (Connector/J, MariaDB Connector/J, the mysql CLI): passwords, error
 * 1045, GRANT/REVOKE at every level, what each privilege allows, what a user may see, and that accounts survive a
 * restart.
 */
class AccountsIT
{
    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
            throws Exception
    {
        cluster = new SluiceCluster(directory);
        try (Connection root = cluster.connect(null); Statement statement = root.createStatement()) {
            statement.execute("create database shop");
            statement.execute("create table shop.orders (id bigint NOT NULL, amount int NULL) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("create table shop.secrets (id bigint NOT NULL, note string NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("insert into shop.orders values (1, 10), (2, 20)");
            statement.execute("insert into shop.secrets values (1, 'x')");
            statement.execute("create database other");
        }
    }

    @AfterAll
    static void stop()
    {
        cluster.close();
    }

    @Test
    void passwordsAndPrivileges()
            throws Exception
    {
        try (Connection root = cluster.connect(null); Statement admin = root.createStatement()) {
            admin.execute("CREATE USER 'bob'@'%' IDENTIFIED BY 'pw1'");
            assertError(() -> admin.execute("CREATE USER 'bob'@'%'"), 1396, "Operation CREATE USER failed for 'bob'@'%'");
            admin.execute("CREATE USER IF NOT EXISTS 'bob'@'%'");
            assertError(() -> admin.execute("GRANT SELECT ON *.* TO ghost"), 1410, "You are not allowed to create a user with GRANT");

            assertError(() -> connect("bob", "wrong"), 1045, "Access denied for user 'bob'");
            assertError(() -> connect("nobody", ""), 1045, "Access denied for user 'nobody'");

            try (Connection bob = connect("bob", "pw1"); Statement statement = bob.createStatement()) {
                assertThat(column(statement, "show databases")).contains("information_schema").doesNotContain("shop", "other");
                assertError(() -> statement.executeQuery("select * from shop.orders"), 1142, "SELECT command denied to user 'bob'@'%' for table 'orders'");
                assertError(() -> statement.execute("use shop"), 1044, "Access denied for user 'bob'@'%' to database 'shop'");
                assertError(() -> statement.execute("create user carol"), 1227, "Access denied; you need (at least one of) the CREATE USER privilege(s)");
                assertError(() -> statement.execute("grant select on *.* to bob"), 1227, "GRANT OPTION");
                assertError(() -> statement.executeQuery("show grants for root"), 1227, "Access denied");
                assertThat(column(statement, "show grants")).containsExactly("GRANT USAGE ON *.* TO `bob`@`%`");

                admin.execute("GRANT SELECT ON shop.orders TO 'bob'@'%'");
                assertThat(column(statement, "show databases")).contains("shop").doesNotContain("other");
                statement.execute("use shop");
                assertThat(column(statement, "show tables")).containsExactly("orders");
                // the catalog shows bob only what he holds a privilege on
                assertThat(column(statement, "select table_name from information_schema.tables where table_schema = 'shop'")).containsExactly("orders");
                assertThat(column(statement, "select distinct table_name from information_schema.columns where table_schema = 'shop'"))
                        .containsExactly("orders");
                assertThat(column(statement, "select schema_name from information_schema.schemata order by schema_name"))
                        .containsExactly("information_schema", "shop");
                assertThat(column(statement, "show table status from shop")).containsExactly("orders");
                assertError(() -> statement.executeQuery("show columns from secrets"), 1142, "for table 'secrets'");
                // and only his own connections
                long rootConnection = Long.parseLong(column(admin, "select connection_id()").get(0));
                assertThat(column(statement, "show processlist")).doesNotContain(Long.toString(rootConnection));
                assertError(() -> statement.execute("kill " + rootConnection), 1095, "You are not owner of thread " + rootConnection);
                assertThat(column(statement, "select sum(amount) from orders")).containsExactly("30");
                assertThat(column(statement, "select amount from orders where id = 2")).containsExactly("20");
                assertError(() -> statement.executeQuery("select * from secrets"), 1142, "SELECT command denied to user 'bob'@'%' for table 'secrets'");
                assertError(() -> statement.executeQuery("select o.id from orders o join secrets s on o.id = s.id"), 1142, "for table 'secrets'");
                assertError(() -> statement.executeQuery("select id from orders where id in (select id from shop.secrets)"), 1142, "for table 'secrets'");
                assertError(() -> statement.executeQuery("show create table secrets"), 1142, "for table 'secrets'");
                assertError(() -> statement.execute("insert into orders values (3, 30)"), 1142, "INSERT command denied to user 'bob'@'%' for table 'orders'");
                assertError(() -> statement.execute("drop table orders"), 1142, "DROP command denied");
                assertError(() -> statement.execute("create table t (id int) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)"), 1142, "CREATE command denied");

                admin.execute("GRANT INSERT, UPDATE, CREATE ON shop.* TO bob");
                statement.execute("insert into orders values (3, 30)");
                statement.execute("update orders set amount = 31 where id = 3");
                assertError(() -> statement.execute("delete from orders where id = 3"), 1142, "DELETE command denied");
                statement.execute("create table made_by_bob (id int) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
                assertError(() -> statement.execute("create database mine"), 1044, "to database 'mine'");
                assertThat(column(statement, "show grants")).containsExactly(
                        "GRANT USAGE ON *.* TO `bob`@`%`",
                        "GRANT INSERT, UPDATE, CREATE ON `shop`.* TO `bob`@`%`",
                        "GRANT SELECT ON `shop`.`orders` TO `bob`@`%`");

                admin.execute("REVOKE SELECT ON shop.orders FROM bob");
                assertError(() -> statement.executeQuery("select * from orders"), 1142, "SELECT command denied");
                statement.execute("SET PASSWORD = 'pw2'");
            }
            assertError(() -> connect("bob", "pw1"), 1045, "Access denied");
            connect("bob", "pw2").close();
            admin.execute("ALTER USER bob IDENTIFIED BY 'pw3'");
            connect("bob", "pw3").close();
            // the MariaDB driver authenticates the same way
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + cluster.port() + "/shop?user=bob&password=pw3").close();

            assertError(() -> admin.execute("DROP USER root"), 1396, "root cannot be dropped");
            admin.execute("DROP USER bob");
            assertError(() -> connect("bob", "pw3"), 1045, "Access denied");
            assertError(() -> admin.execute("DROP USER bob"), 1396, "Operation DROP USER failed");
            admin.execute("DROP USER IF EXISTS bob");
            assertThat(column(admin, "show grants")).containsExactly("GRANT ALL PRIVILEGES ON *.* TO `root`@`%` WITH GRANT OPTION");
        }
    }

    @Test
    void administratorsAndTheCommandLineClient()
            throws Exception
    {
        try (Connection root = cluster.connect(null); Statement admin = root.createStatement()) {
            admin.execute("CREATE USER dba IDENTIFIED BY 'secret', reader");
            admin.execute("GRANT ALL ON *.* TO dba");
            admin.execute("GRANT SELECT ON shop.* TO reader");
        }
        MysqlCli cli = cluster.mysql();
        MysqlCli.Result created = cli.execute(null, "CREATE USER eve IDENTIFIED BY 'e'; GRANT SELECT ON other.* TO eve; SHOW GRANTS FOR eve",
                "-udba", "-psecret", "--batch");
        assertThat(created.exitCode()).as(created.error()).isZero();
        assertThat(created.output()).contains("GRANT SELECT ON `other`.* TO `eve`@`%`");
        MysqlCli.Result denied = cli.execute("shop", "select count(*) from secrets", "-ueve", "-pe", "--batch");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.error()).contains("ERROR 1044 (42000)").contains("Access denied for user 'eve'@'%' to database 'shop'");
        MysqlCli.Result wrongPassword = cli.execute(null, "select 1", "-ueve", "-pnot-it", "--batch");
        assertThat(wrongPassword.error()).contains("ERROR 1045 (28000)");
        MysqlCli.Result reader = cli.execute("shop", "select count(*) from secrets", "-ureader", "--batch", "--skip-column-names");
        assertThat(reader.output().trim()).isEqualTo("1");

        // accounts and privileges are in the catalog: they survive a restart
        cluster.restartSluice();
        MysqlCli.Result afterRestart = cluster.mysql().execute(null, "select user(), current_user()", "-ueve", "-pe", "--batch", "--skip-column-names");
        assertThat(afterRestart.exitCode()).as(afterRestart.error()).isZero();
        try (Connection eve = connect("eve", "e"); Statement statement = eve.createStatement()) {
            assertThat(column(statement, "show databases")).contains("other").doesNotContain("shop");
        }
    }

    @Test
    void jobsAreVisibleOnlyWithTheirTable()
            throws Exception
    {
        cluster.createTopic("accounts_topic", 1);
        try (Connection root = cluster.connect("shop"); Statement admin = root.createStatement()) {
            admin.execute("CREATE ROUTINE LOAD shop.secret_load ON secrets COLUMNS(id, note) PROPERTIES (\"format\" = \"json\") "
                    + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"accounts_topic\")");
            admin.execute("CREATE USER jo");
            admin.execute("GRANT SELECT ON shop.orders TO jo");
            try (Connection jo = connect("jo", ""); Statement statement = jo.createStatement()) {
                statement.execute("use shop");
                assertThat(names(statement, "show routine load")).isEmpty();
                assertThat(column(statement, "select name from information_schema.routine_load_jobs")).isEmpty();
                assertError(() -> statement.execute("pause routine load for secret_load"), 1105, "There is not operable routine load job with name secret_load");
                assertError(() -> statement.executeQuery("show create routine load secret_load"), 1105, "There is no job named secret_load");

                admin.execute("GRANT SELECT ON shop.secrets TO jo");
                assertThat(names(statement, "show routine load")).containsExactly("secret_load");
                assertThat(column(statement, "select name from information_schema.routine_load_jobs")).containsExactly("secret_load");
                assertError(() -> statement.execute("pause routine load for secret_load"), 1142, "LOAD command denied to user 'jo'@'%' for table 'secrets'");
                assertError(() -> statement.execute("CREATE ROUTINE LOAD shop.mine ON orders COLUMNS(id, amount) PROPERTIES (\"format\" = \"json\") "
                        + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"accounts_topic\")"),
                        1142, "LOAD command denied");

                admin.execute("GRANT LOAD ON shop.secrets TO jo");
                statement.execute("pause routine load for secret_load");
                statement.execute("stop routine load for secret_load");
            }
        }
    }

    @Test
    void aJobLoadsWithItsCreatorsPrivileges()
            throws Exception
    {
        cluster.createTopic("creator_topic", 1);
        try (Connection root = cluster.connect("shop"); Statement admin = root.createStatement()) {
            admin.execute("create table shop.feed (id bigint NOT NULL, v int NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            admin.execute("CREATE USER feeder IDENTIFIED BY 'f'");
            admin.execute("GRANT LOAD, SELECT ON shop.feed TO feeder");
            try (Connection feeder = connect("feeder", "f"); Statement statement = feeder.createStatement()) {
                String create = "CREATE ROUTINE LOAD shop.feed_load ON feed COLUMNS(id, v) PROPERTIES (\"format\" = \"json\", \"max_batch_interval\" = \"1\") "
                        + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"creator_topic\", "
                        + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\")";
                assertError(() -> statement.execute(create), 1142, "INSERT command denied to user 'feeder'@'%' for table 'feed'");
                admin.execute("GRANT INSERT ON shop.feed TO feeder");
                statement.execute(create);
            }
            SqlClient client = new SqlClient(cluster, "shop");
            cluster.produce("creator_topic", List.of("{\"id\": 1, \"v\": 1}"));
            SluiceCluster.awaitTrue("the first row", () -> "1".equals(client.value("select count(*) from feed")));

            admin.execute("REVOKE INSERT ON shop.feed FROM feeder");
            cluster.produce("creator_topic", List.of("{\"id\": 2, \"v\": 2}"));
            java.util.Map<String, String> paused = client.awaitShow("feed_load", "paused for lack of privileges", row -> row.get("State").equals("PAUSED"));
            assertThat(paused.get("ReasonOfStateChanged")).contains("'feeder'@'%' no longer has the LOAD and INSERT privileges on shop.feed");
            assertThat(client.value("select count(*) from feed")).isEqualTo("1");

            admin.execute("GRANT INSERT ON shop.feed TO feeder");
            admin.execute("RESUME ROUTINE LOAD FOR feed_load");
            SluiceCluster.awaitTrue("the second row, once", () -> "2".equals(client.value("select count(*) from feed")));
            assertThat(client.value("select sum(id) from feed")).isEqualTo("3");
            admin.execute("STOP ROUTINE LOAD FOR feed_load");
        }
    }

    private static Connection connect(String user, String password)
            throws SQLException
    {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + cluster.port() + "/?user=" + user + "&password=" + password
                + "&useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=10000");
    }

    private static List<String> names(Statement statement, String sql)
            throws SQLException
    {
        List<String> values = new ArrayList<>();
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                values.add(resultSet.getString("Name"));
            }
        }
        return values;
    }

    private static List<String> column(Statement statement, String sql)
            throws SQLException
    {
        List<String> values = new ArrayList<>();
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                values.add(resultSet.getString(1));
            }
        }
        return values;
    }

    private interface Action
    {
        void run()
                throws Exception;
    }

    private static void assertError(Action action, int code, String message)
    {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
