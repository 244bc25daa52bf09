package io.sluice.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Security checks against Sluice in a JVM of its own, started without a bind flag: nothing runs before
 * authentication, 1045 (28000) for a wrong password and an unknown user with every client, loopback-only ports by
 * default, Kafka secrets in no output, log or page, and a user without privileges neither gets in nor learns what
 * exists. See RELIABILITY.md#security.
 */
class SecurityIT
{
    private static final String SECRET = "Sup3rS3cretValue";
    /** The long version repeats the pre-authentication and 1045 checks many times over (see RELIABILITY.md#security). */
    private static final boolean LONG = Boolean.getBoolean("sluice.reliability.long");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;

    @BeforeAll
    static void start()
            throws Exception
    {
        cluster = SluiceCluster.withSluiceProcess(directory);
        try (Connection root = cluster.connect(null); Statement statement = root.createStatement()) {
            statement.execute("create database sec");
            statement.execute("create table sec.open_t (id bigint NOT NULL, v int NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("create table sec.hidden_t (id bigint NOT NULL, v int NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("insert into sec.open_t values (1, 1)");
            statement.execute("insert into sec.hidden_t values (1, 1)");
            statement.execute("create database vault");
            statement.execute("create table vault.gold (id bigint NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            statement.execute("create user mallory identified by 'm-pw'");
            statement.execute("create user alice identified by 'a-pw'");
            statement.execute("grant select on sec.open_t to mallory");
        }
        cluster.createTopic("sec_topic", 1);
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- (a) nothing before authentication

    @Test
    void noCommandRunsBeforeAuthentication()
            throws Exception
    {
        List<String> outcomes = new ArrayList<>();
        // The long version: every command byte from 0x00 to 0x1f, 20 times over.
        int[] commands = LONG ? java.util.stream.IntStream.range(0, 0x20).toArray() : new int[] {0x03, 0x02, 0x16, 0x0e, 0x04, 0x0c, 0x11};
        for (int round = 0; round < (LONG ? 20 : 1); round++) {
            preAuthenticationRound(commands, outcomes);
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String outcome : outcomes) {
            counts.merge(outcome.substring(outcome.indexOf(": ") + 2), 1L, Long::sum);
        }
        System.out.println("SecurityIT pre-authentication: " + outcomes.size() + " exchanges: " + counts);
        for (String outcome : outcomes) {
            assertThat(outcome).matches(".*: (closed|error \\d+.*)");
        }
        try (Connection root = cluster.connect(null); Statement statement = root.createStatement()) {
            assertThat(column(statement, "show databases")).noneMatch(name -> name.startsWith("pre_auth"));
        }
    }

    private static void preAuthenticationRound(int[] commands, List<String> outcomes)
            throws IOException
    {
        // A command where the handshake response belongs (sequence id 1, after the greeting).
        for (int command : commands) {
            try (RawMysqlSocket raw = new RawMysqlSocket(cluster.port(), 30_000)) {
                raw.readPacket();
                raw.writePacket(commandPayload(command, command == 0x02 ? "sec" : "create database pre_auth_" + command));
                outcomes.add(command + ": " + answerOrClose(raw));
                try {
                    raw.query("create database pre_auth_after_" + command);
                    outcomes.add(command + " then COM_QUERY: " + answerOrClose(raw));
                }
                catch (IOException closed) {
                    outcomes.add(command + " then COM_QUERY: closed");
                }
            }
        }
        // A command sent before even reading the greeting, as a new exchange (sequence id 0).
        try (RawMysqlSocket raw = new RawMysqlSocket(cluster.port(), 30_000)) {
            raw.query("create database pre_auth_blind");
            raw.readPacket();
            outcomes.add("blind: " + answerOrClose(raw));
        }
        // A failed login, then commands.
        try (RawMysqlSocket raw = new RawMysqlSocket(cluster.port(), 30_000)) {
            byte[] answer = raw.login(0, "mysql_native_password", "twenty-wrong-bytes!!".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawMysqlSocket.isError(answer)).isTrue();
            assertThat(RawMysqlSocket.errorCode(answer)).isEqualTo(1045);
            assertThat(RawMysqlSocket.errorText(answer)).startsWith("28000 Access denied for user 'root'@");
            try {
                raw.query("create database pre_auth_after_1045");
                outcomes.add("after 1045: " + answerOrClose(raw));
            }
            catch (IOException closed) {
                outcomes.add("after 1045: closed");
            }
        }
    }

    private static byte[] commandPayload(int command, String argument)
    {
        byte[] body = argument.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(body, 0, payload, 1, body.length);
        return payload;
    }

    /** "closed", "error N ..." or "answered": what the server did with the last command. */
    private static String answerOrClose(RawMysqlSocket raw)
    {
        try {
            byte[] packet = raw.readPacket();
            if (RawMysqlSocket.isError(packet)) {
                return "error " + RawMysqlSocket.errorCode(packet) + " " + RawMysqlSocket.errorText(packet);
            }
            return "answered " + packet.length + " bytes";
        }
        catch (IOException closed) {
            return "closed";
        }
    }

    // ---- (b) 1045 for a wrong password and an unknown user

    @Test
    void wrongPasswordAndUnknownUserAre1045WithEveryClient()
    {
        for (int round = 0; round < (LONG ? 25 : 1); round++) {
            wrongPasswordAndUnknownUserRound();
        }
    }

    private static void wrongPasswordAndUnknownUserRound()
    {
        for (String user : List.of("mallory", "nobody_here")) {
            for (String driver : List.of("mysql", "mariadb")) {
                String url = "jdbc:" + driver + "://127.0.0.1:" + cluster.port() + "/?user=" + user + "&password=wrong-pw&useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=10000";
                assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                        .as(driver + " " + user)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1045);
                            assertThat(e.getSQLState()).isEqualTo("28000");
                            assertThat(e.getMessage()).contains("Access denied for user '" + user + "'@'").contains("(using password: YES)");
                        });
            }
            MysqlCli.Result cli = cluster.mysql().execute(null, "create database cli_" + user, "-u" + user, "-pwrong-pw", "--batch");
            assertThat(cli.exitCode()).isNotZero();
            assertThat(cli.error()).contains("ERROR 1045 (28000): Access denied for user '" + user + "'@'");
        }
        // no password at all for an account that has one
        MysqlCli.Result noPassword = cluster.mysql().execute(null, "select 1", "-umallory", "--batch");
        assertThat(noPassword.error()).contains("ERROR 1045 (28000)").contains("(using password: NO)");
    }

    // ---- (c) loopback only by default

    @Test
    void portsListenOnLoopbackOnlyByDefault()
            throws Exception
    {
        String log = Files.readString(directory.resolve("sluice").resolve("log").resolve("sluice.log"));
        assertThat(log).contains("Listening for MySQL connections on 127.0.0.1:" + cluster.port());
        assertThat(log).contains("HTTP console and metrics at http://127.0.0.1:" + cluster.httpPort() + "/");
        InetAddress other = nonLoopbackAddress();
        if (other == null) {
            System.out.println("SecurityIT: no non-loopback address on this machine; the bind check rests on the log lines");
            return;
        }
        for (int port : new int[] {cluster.port(), cluster.httpPort()}) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other, port), 2000);
                fail("port " + port + " answered on " + other);
            }
            catch (IOException expected) {
                // refused: nothing listens there
            }
        }
        // the same address reaches a socket that does listen on all interfaces, so the refusal above means something
        try (java.net.ServerSocket wildcard = new java.net.ServerSocket(0); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(other, wildcard.getLocalPort()), 2000);
        }
        System.out.println("SecurityIT: ports " + cluster.port() + " and " + cluster.httpPort() + " refused on " + other.getHostAddress());
    }

    private static InetAddress nonLoopbackAddress()
            throws IOException
    {
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!networkInterface.isUp() || networkInterface.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }

    // ---- (d) secrets appear nowhere

    @Test
    void kafkaSecretsNeverShow()
            throws Exception
    {
        String secretProperties = "\"property.security.protocol\" = \"SASL_PLAINTEXT\", \"property.sasl.mechanism\" = \"PLAIN\", "
                + "\"property.sasl.jaas.config\" = \"org.apache.kafka.common.security.plain.PlainLoginModule required username='loader' password='" + SECRET + "-jaas';\", "
                + "\"property.ssl.keystore.password\" = \"" + SECRET + "-keystore\", "
                + "\"property.ssl.truststore.password\" = \"" + SECRET + "-truststore\", "
                + "\"property.ssl.key.password\" = \"" + SECRET + "-key\"";
        List<String> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (Connection root = cluster.connect("sec"); Statement statement = root.createStatement()) {
            statement.execute("CREATE ROUTINE LOAD sec.secret_load ON open_t COLUMNS(id, v) PROPERTIES (\"format\" = \"json\") FROM KAFKA ("
                    + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"sec_topic\", " + secretProperties + ")");
            // The consumer cannot log in (the broker speaks PLAINTEXT): give it time to try, fail and log it.
            SqlClient sql = new SqlClient(cluster, "sec");
            Map<String, String> unstable = sql.awaitShow("secret_load", "a consumer that tried to connect",
                    row -> !row.get("State").equals("RUNNING") || !row.get("OtherMsg").isEmpty());
            seen.add(unstable.toString());

            for (String query : List.of("show routine load", "show all routine load", "show routine load for secret_load", "show create routine load secret_load",
                    "show routine load task where JobName = 'secret_load'", "select * from information_schema.routine_load_jobs",
                    "select * from information_schema.load_tracking_logs", "show processlist", "show full processlist")) {
                seen.add(query + " -> " + rows(statement, query));
            }
            // a key Kafka does not define, but named like a secret: accepted (the consumer ignores it) and masked like the others
            statement.execute("CREATE ROUTINE LOAD sec.odd_load ON open_t COLUMNS(id, v) PROPERTIES (\"format\" = \"json\") FROM KAFKA ("
                    + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"sec_topic\", \"property.sasl.password\" = \"" + SECRET + "-odd\")");
            seen.add("odd: " + rows(statement, "show routine load for odd_load") + rows(statement, "show create routine load odd_load"));
            statement.execute("STOP ROUTINE LOAD FOR odd_load");
            // statements that fail, carrying secrets: their errors must not echo them
            for (String failing : List.of(
                    "ALTER ROUTINE LOAD FOR secret_load FROM KAFKA (\"kafka_topic\" = \"other\", \"property.ssl.key.password\" = \"" + SECRET + "-alter\")",
                    "ALTER ROUTINE LOAD FOR secret_load PROPERTIES (\"max_error_number\" = \"x\") FROM KAFKA (\"property.ssl.key.password\" = \"" + SECRET + "-alter2\")",
                    "ALTER ROUTINE LOAD FOR no_such_job FROM KAFKA (\"property.sasl.jaas.config\" = \"" + SECRET + "-missing\")",
                    "CREATE ROUTINE LOAD sec.bad ON open_t PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \"x:1\", \"kafka_topic\" = \"t\", "
                            + "\"property.ssl.truststore.password\" = \"" + SECRET + "-syntax\" oops)",
                    "CREATE ROUTINE LOAD sec.bad ON open_t PROPERTIS (\"property.sasl.jaas.config\" = \"" + SECRET + "-typo\") FROM KAFKA (\"kafka_topic\" = \"t\")",
                    "CREATE ROUTINE LOAD sec.bad ON open_t PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \"x:1\", \"kafka_topic\" = \"t\", "
                            + "\"property.ssl.key.password\" = \"" + SECRET + "-dup\", \"property.ssl.key.password\" = \"" + SECRET + "-dup2\")",
                    "CREATE ROUTINE LOAD sec.bad ON open_t PROPERTIES (\"format\" = \"json\") FROM KAFKA (\"kafka_broker_list\" = \"x:1\", \"kafka_topic\" = \"t\", "
                            + "\"property.security.protocol\" = \"NOT_A_PROTOCOL\", \"property.sasl.jaas.config\" = \"" + SECRET + "-bad-jaas\")",
                    "CREATE USER 'pwuser'@'%' IDENTIFIED BY '" + SECRET + "-user' oops")) {
                try {
                    statement.execute(failing);
                    errors.add("no error: " + failing);
                }
                catch (SQLException e) {
                    errors.add(e.getErrorCode() + " " + e.getMessage());
                }
            }

            // SHOW PROCESSLIST while a statement carrying a secret runs: a multi-statement whose second part is slow
            statement.execute("create table sec.wide (id bigint NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
            StringBuilder values = new StringBuilder("insert into sec.wide values (0)");
            for (int i = 1; i < 300; i++) {
                values.append(", (").append(i).append(')');
            }
            statement.execute(values.toString());
            String running;
            try (Connection slow = DriverManager.getConnection(cluster.jdbcUrl("mysql", "sec") + "&allowMultiQueries=true")) {
                CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                    try (Statement slowStatement = slow.createStatement()) {
                        slowStatement.execute("select count(*) from wide a, wide b, wide c where a.id + b.id + c.id = 17; "
                                + "ALTER ROUTINE LOAD FOR no_such_job FROM KAFKA (\"property.ssl.key.password\" = \"" + SECRET + "-running\")");
                    }
                    catch (SQLException expected) {
                        // the ALTER fails; what matters is what SHOW PROCESSLIST showed meanwhile
                    }
                });
                running = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (running == null && !done.isDone() && System.nanoTime() < deadline) {
                    for (Map<String, String> row : rows(statement, "show full processlist")) {
                        if (row.get("Info") != null && row.get("Info").contains("no_such_job")) {
                            running = row.toString();
                        }
                    }
                }
                done.get(120, TimeUnit.SECONDS);
            }
            seen.add("running: " + running);
            seen.add("processlist after: " + rows(statement, "show full processlist"));
        }

        for (String path : List.of("/", "/api/jobs", "/api/tables", "/api/health", "/metrics", "/api/jobs/secret_load/rejected?database=sec")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.httpPort() + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.add(path + " -> " + response.body());
        }
        assertThat(String.join("\n", seen)).contains("secret_load").contains("******");

        System.out.println("SecurityIT errors of statements carrying secrets:\n  " + String.join("\n  ", errors));
        assertThat(errors).noneMatch(error -> error.startsWith("no error"));
        for (String text : Stream.concat(seen.stream(), errors.stream()).toList()) {
            assertThat(text).doesNotContain(SECRET);
        }
        // the logs, after everything above was logged (Kafka's consumer configuration, failed statements, ...)
        for (Path log : List.of(directory.resolve("sluice").resolve("log").resolve("sluice.log"), directory.resolve("sluice-1.log"))) {
            String text = Files.readString(log);
            assertThat(text).as(log.toString()).isNotEmpty();
            int at = text.indexOf(SECRET);
            assertThat(at).as(log + " shows the secret: " + (at < 0 ? "" : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100)))).isNegative();
        }
        try (Connection root = cluster.connect("sec"); Statement statement = root.createStatement()) {
            statement.execute("STOP ROUTINE LOAD FOR secret_load");
        }
    }

    // ---- (e) a user without privileges learns nothing

    @Test
    void aUserWithoutPrivilegesLearnsNothing()
            throws Exception
    {
        try (Connection root = cluster.connect("sec"); Statement admin = root.createStatement()) {
            admin.execute("CREATE ROUTINE LOAD sec.hidden_load ON hidden_t COLUMNS(id, v) PROPERTIES (\"format\" = \"json\") FROM KAFKA ("
                    + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"sec_topic\")");
            admin.execute("CREATE ROUTINE LOAD vault.gold_load ON gold COLUMNS(id) PROPERTIES (\"format\" = \"json\") FROM KAFKA ("
                    + "\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"sec_topic\")");
        }
        try (Connection mallory = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + cluster.port() + "/sec?user=mallory&password=m-pw&useSSL=false&allowPublicKeyRetrieval=true");
                Statement statement = mallory.createStatement()) {
            // what he can see
            assertThat(column(statement, "show databases")).contains("sec").doesNotContain("vault");
            assertThat(column(statement, "show tables")).containsExactly("open_t");
            assertThat(column(statement, "select concat(table_schema, '.', table_name) from information_schema.tables where table_schema <> 'information_schema'"))
                    .containsExactly("sec.open_t");
            assertThat(column(statement, "select distinct concat(table_schema, '.', table_name) from information_schema.columns where table_schema <> 'information_schema'"))
                    .containsExactly("sec.open_t");
            assertThat(column(statement, "select schema_name from information_schema.schemata")).containsExactlyInAnyOrder("information_schema", "sec");
            assertThat(column(statement, "select table_schema from information_schema.statistics")).isEmpty();
            assertThat(rows(statement, "show routine load")).isEmpty();
            assertThat(rows(statement, "show all routine load")).isEmpty();
            assertThat(rows(statement, "show all routine load from vault")).isEmpty();
            assertThat(rows(statement, "select * from information_schema.routine_load_jobs")).isEmpty();
            assertThat(rows(statement, "select * from information_schema.load_tracking_logs")).isEmpty();
            assertThat(rows(statement, "show full processlist")).allSatisfy(row -> assertThat(row.get("User")).isEqualTo("mallory"));
            assertThat(column(statement, "show grants")).containsExactly("GRANT USAGE ON *.* TO `mallory`@`%`", "GRANT SELECT ON `sec`.`open_t` TO `mallory`@`%`");

            // the same error for what exists and is not granted as for what does not exist
            List<String> outcomes = new ArrayList<>();
            sameError(statement, outcomes, "select * from sec.hidden_t", "select * from sec.no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "select * from hidden_t", "select * from no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "select * from vault.gold", "select * from nowhere.gold", "vault", "nowhere", 1142);
            sameError(statement, outcomes, "select o.id from open_t o join hidden_t h on o.id = h.id", "select o.id from open_t o join no_such_t h on o.id = h.id",
                    "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "insert into hidden_t values (9, 9)", "insert into no_such_t values (9, 9)", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "insert into open_t values (9, 9)", "insert into no_such_t values (9, 9)", "open_t", "no_such_t", 1142);
            sameError(statement, outcomes, "delete from hidden_t where id = 1", "delete from no_such_t where id = 1", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "update hidden_t set v = 2", "update no_such_t set v = 2", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "drop table hidden_t", "drop table no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "truncate table hidden_t", "truncate table no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "alter table hidden_t add column w int null", "alter table no_such_t add column w int null", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "show create table hidden_t", "show create table no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "show columns from hidden_t", "show columns from no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "desc hidden_t", "desc no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "show index from hidden_t", "show index from no_such_t", "hidden_t", "no_such_t", 1142);
            sameError(statement, outcomes, "use vault", "use nowhere", "vault", "nowhere", 1044);
            sameError(statement, outcomes, "show tables from vault", "show tables from nowhere", "vault", "nowhere", 1044);
            sameError(statement, outcomes, "show create database vault", "show create database nowhere", "vault", "nowhere", 1044);
            sameError(statement, outcomes, "drop database vault", "drop database nowhere", "vault", "nowhere", 1044);
            sameError(statement, outcomes, "create database vault", "create database nowhere", "vault", "nowhere", 1044);
            sameError(statement, outcomes, "show routine load for hidden_load", "show routine load for no_such_load", "hidden_load", "no_such_load", 0);
            sameError(statement, outcomes, "show routine load for vault.gold_load", "show routine load for vault.no_such_load", "gold_load", "no_such_load", 0);
            sameError(statement, outcomes, "show create routine load hidden_load", "show create routine load no_such_load", "hidden_load", "no_such_load", 0);
            sameError(statement, outcomes, "pause routine load for hidden_load", "pause routine load for no_such_load", "hidden_load", "no_such_load", 0);
            sameError(statement, outcomes, "stop routine load for vault.gold_load", "stop routine load for vault.no_such_load", "gold_load", "no_such_load", 0);
            sameError(statement, outcomes, "alter routine load for hidden_load properties (\"max_error_number\" = \"5\")",
                    "alter routine load for no_such_load properties (\"max_error_number\" = \"5\")", "hidden_load", "no_such_load", 0);
            sameError(statement, outcomes, "show routine load task where JobName = 'hidden_load'", "show routine load task where JobName = 'no_such_load'",
                    "hidden_load", "no_such_load", 0);
            sameError(statement, outcomes, "show grants for alice", "show grants for nobody_here", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "drop user alice", "drop user nobody_here", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "alter user alice identified by 'x'", "alter user nobody_here identified by 'x'", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "set password for alice = 'x'", "set password for nobody_here = 'x'", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "grant select on sec.hidden_t to alice", "grant select on sec.hidden_t to nobody_here", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "create user alice", "create user nobody_here", "alice", "nobody_here", 1227);
            sameError(statement, outcomes, "set global max_connections = 10", "set global max_connections = 10", "", "", 1227);
            System.out.println("SecurityIT denials:\n  " + String.join("\n  ", outcomes));
        }
        try (Connection root = cluster.connect("sec"); Statement admin = root.createStatement()) {
            assertThat(column(admin, "show databases")).contains("vault").doesNotContain("nowhere");
            assertThat(column(admin, "select count(*) from hidden_t")).containsExactly("1");
            admin.execute("STOP ROUTINE LOAD FOR hidden_load");
            admin.execute("STOP ROUTINE LOAD FOR vault.gold_load");
        }
    }

    /**
     * Runs the statement on something that exists but is not granted and the same on something that does not exist:
     * both fail with the same code, SQLSTATE and message (the names aside). {@code code} 0: any code, as long as both agree.
     */
    private static void sameError(Statement statement, List<String> outcomes, String existing, String missing, String existingName, String missingName, int code)
    {
        SQLException onExisting = failure(statement, existing);
        SQLException onMissing = failure(statement, missing);
        outcomes.add(existing + " -> " + onExisting.getErrorCode() + " (" + onExisting.getSQLState() + ") " + onExisting.getMessage());
        if (code != 0) {
            assertThat(onExisting.getErrorCode()).as(existing + ": " + onExisting.getMessage()).isEqualTo(code);
        }
        assertThat(onMissing.getErrorCode()).as(missing + ": " + onMissing.getMessage() + " vs " + onExisting.getMessage()).isEqualTo(onExisting.getErrorCode());
        assertThat(onMissing.getSQLState()).as(missing).isEqualTo(onExisting.getSQLState());
        String normalized = existingName.isEmpty() ? onExisting.getMessage() : onExisting.getMessage().replace(existingName, "NAME");
        String normalizedMissing = missingName.isEmpty() ? onMissing.getMessage() : onMissing.getMessage().replace(missingName, "NAME");
        assertThat(normalizedMissing).as(missing).isEqualTo(normalized);
    }

    private static SQLException failure(Statement statement, String sql)
    {
        try {
            statement.execute(sql);
        }
        catch (SQLException e) {
            return e;
        }
        throw new AssertionError("Not refused: " + sql);
    }

    // ---- helpers

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

    private static List<Map<String, String>> rows(Statement statement, String sql)
            throws SQLException
    {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            while (resultSet.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    row.put(metaData.getColumnLabel(column), resultSet.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
