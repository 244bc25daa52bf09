package io.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTTP port against a real broker and a loading job: /metrics parsed as the exposition format with real values,
 * /api/health, the JSON APIs (and that a secret source property never shows), error statuses, and the web console
 * rendered by headless Chromium (DOM checked; screenshots kept in target/console/).
 */
class HttpConsoleIT
{
    private static final String DATABASE = "http_it";
    private static final String TOPIC = "http_events";
    private static final String JOB = "events_load";
    private static final String SECRET = "hunter2-http-secret";
    private static final int GOOD = 50;
    private static final List<String> BAD = List.of("not json at all", "{\"id\": \"abc\", \"name\": \"x\"}", "{\"name\": \"no id\"}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static SluiceCluster cluster;
    private static SqlClient sql;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start()
    {
        cluster = new SluiceCluster(directory);
        cluster.createTopic(TOPIC, 1);
        new SqlClient(cluster, null).execute("create database " + DATABASE);
        sql = new SqlClient(cluster, DATABASE);
        sql.execute("create table events (id bigint not null, name varchar(32) null) duplicate key(id) distributed by hash(id) buckets 2");
        sql.execute("CREATE ROUTINE LOAD " + DATABASE + "." + JOB + " ON events COLUMNS(id, name) "
                + "PROPERTIES (\"format\" = \"json\", \"max_error_number\" = \"1000\") "
                + "FROM KAFKA (\"kafka_broker_list\" = \"" + cluster.bootstrapServers() + "\", \"kafka_topic\" = \"" + TOPIC + "\", "
                + "\"property.kafka_default_offsets\" = \"OFFSET_BEGINNING\", \"property.ssl.key.password\" = \"" + SECRET + "\")");
        List<String> messages = new ArrayList<>();
        for (int i = 1; i <= GOOD; i++) {
            messages.add("{\"id\": " + i + ", \"name\": \"event " + i + "\"}");
            if (i % 20 == 0) {
                messages.add(BAD.get(i / 20 - 1));
            }
        }
        messages.add(BAD.get(2));
        cluster.produce(TOPIC, messages);
        int last = messages.size() - 1;
        sql.awaitShow(JOB, "all " + messages.size() + " messages", row -> row.get("Progress").equals("{\"0\":\"" + last + "\"}"));
    }

    @AfterAll
    static void stop()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void metricsHaveRealValues()
            throws Exception
    {
        // Statements to count: ok ones and one that fails; the connection stays open while /metrics is read.
        try (Connection connection = cluster.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.executeQuery("select count(*) from events").close();
            assertThatThrownBy(() -> statement.executeQuery("select * from no_such_table")).isInstanceOf(SQLException.class);

            HttpResponse<String> response = get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body()).doesNotContain(SECRET);
            PrometheusText metrics = PrometheusText.parse(response.body());

            String[] job = {"job", JOB, "database", DATABASE, "table", "events"};
            assertThat(metrics.type("sluice_routine_load_loaded_rows_total")).isEqualTo("counter");
            assertThat(metrics.hasHelp("sluice_routine_load_loaded_rows_total")).isTrue();
            assertThat(metrics.value("sluice_routine_load_loaded_rows_total", job)).isEqualTo(GOOD);
            assertThat(metrics.value("sluice_routine_load_error_rows_total", job)).isEqualTo(BAD.size());
            assertThat(metrics.value("sluice_routine_load_received_bytes_total", job)).isGreaterThan(GOOD * 20);
            assertThat(metrics.value("sluice_routine_load_state", withLabel(job, "state", "RUNNING"))).isEqualTo(1);
            assertThat(metrics.value("sluice_routine_load_state", withLabel(job, "state", "PAUSED"))).isEqualTo(0);
            assertThat(metrics.type("sluice_routine_load_offset_lag")).isEqualTo("gauge");
            assertThat(metrics.value("sluice_routine_load_offset_lag", withLabel(job, "partition", "0"))).isEqualTo(0);
            assertThat(metrics.value("sluice_routine_load_lag_seconds", job)).isEqualTo(0);
            assertHistogram(metrics, "sluice_routine_load_freshness_seconds", job);
            assertHistogram(metrics, "sluice_routine_load_commit_seconds", job);

            String[] table = {"database", DATABASE, "table", "events"};
            assertThat(metrics.value("sluice_table_rows", table)).isEqualTo(GOOD);
            assertThat(metrics.value("sluice_table_segments", table)).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("sluice_table_bytes", table)).isGreaterThan(0);

            double ok = metrics.value("sluice_queries_total", "outcome", "ok");
            double failed = metrics.value("sluice_queries_total", "outcome", "error");
            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(failed).isGreaterThanOrEqualTo(1);
            assertThat(assertHistogram(metrics, "sluice_query_seconds")).isGreaterThanOrEqualTo((long) (ok + failed));
            assertThat(metrics.value("sluice_connections")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("sluice_connections_total")).isGreaterThanOrEqualTo(metrics.value("sluice_connections"));

            assertThat(metrics.value("sluice_jvm_memory_heap_used_bytes")).isGreaterThan(0);
            assertThat(metrics.value("sluice_jvm_memory_heap_committed_bytes")).isGreaterThanOrEqualTo(metrics.value("sluice_jvm_memory_heap_used_bytes"));
            assertThat(metrics.value("sluice_jvm_memory_heap_max_bytes")).isNotZero();
            assertThat(metrics.value("sluice_jvm_memory_nonheap_used_bytes")).isGreaterThan(0);
            assertThat(metrics.value("sluice_uptime_seconds")).isGreaterThan(0);
        }
    }

    /** Checks the buckets are cumulative up to +Inf, which equals _count; returns the count. */
    private static long assertHistogram(PrometheusText metrics, String family, String... labels)
    {
        assertThat(metrics.type(family)).isEqualTo("histogram");
        List<PrometheusText.Sample> buckets = metrics.buckets(family, labels);
        assertThat(buckets).hasSizeGreaterThan(1);
        double previousBound = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (PrometheusText.Sample bucket : buckets) {
            String le = bucket.labels().get("le");
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            assertThat(bound).isGreaterThan(previousBound);
            assertThat(bucket.value()).isGreaterThanOrEqualTo(previousCount);
            previousBound = bound;
            previousCount = bucket.value();
        }
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        double count = metrics.value(family + "_count", labels);
        assertThat(previousCount).isEqualTo(count);
        assertThat(count).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value(family + "_sum", labels)).isGreaterThanOrEqualTo(0);
        return (long) count;
    }

    private static String[] withLabel(String[] labels, String name, String value)
    {
        String[] result = java.util.Arrays.copyOf(labels, labels.length + 2);
        result[labels.length] = name;
        result[labels.length + 1] = value;
        return result;
    }

    @Test
    void healthIsUp()
            throws Exception
    {
        HttpResponse<String> response = get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("mysql").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("storage").asText()).isEqualTo("UP");
    }

    @Test
    void jsonApisDescribeJobsTablesAndRejectedRecordsWithoutSecrets()
            throws Exception
    {
        HttpResponse<String> jobsResponse = get("/api/jobs");
        assertThat(jobsResponse.statusCode()).isEqualTo(200);
        assertThat(jobsResponse.body()).doesNotContain(SECRET);
        JsonNode job = onlyElement(JSON.readTree(jobsResponse.body()).path("jobs"));
        assertThat(job.path("name").asText()).isEqualTo(JOB);
        assertThat(job.path("database").asText()).isEqualTo(DATABASE);
        assertThat(job.path("table").asText()).isEqualTo("events");
        assertThat(job.path("state").asText()).isEqualTo("RUNNING");
        assertThat(job.path("loadedRows").asLong()).isEqualTo(GOOD);
        assertThat(job.path("errorRows").asLong()).isEqualTo(BAD.size());
        assertThat(job.path("offsetLag").asLong()).isZero();
        assertThat(job.path("customProperties").path("ssl.key.password").asText()).isEqualTo("******");
        assertThat(job.path("history").path("rowsPerSecond").isArray()).isTrue();

        JsonNode table = onlyElement(JSON.readTree(get("/api/tables").body()).path("tables"));
        assertThat(table.path("database").asText()).isEqualTo(DATABASE);
        assertThat(table.path("table").asText()).isEqualTo("events");
        assertThat(table.path("rows").asLong()).isEqualTo(GOOD);
        assertThat(table.path("bytes").asLong()).isPositive();

        HttpResponse<String> rejectedResponse = get("/api/jobs/" + JOB + "/rejected?database=" + DATABASE);
        assertThat(rejectedResponse.statusCode()).isEqualTo(200);
        JsonNode rejected = JSON.readTree(rejectedResponse.body());
        List<String> messages = new ArrayList<>();
        for (JsonNode record : rejected.path("records")) {
            messages.add(record.path("message").asText());
            assertThat(record.path("reason").asText()).isNotEmpty();
            assertThat(record.path("partition").asInt()).isZero();
        }
        assertThat(messages).containsExactlyInAnyOrderElementsOf(BAD);
        // The same records as information_schema.load_tracking_logs
        assertThat(sql.rows("select message from information_schema.load_tracking_logs where job_id = " + job.path("id").asLong()))
                .extracting(row -> row.get("message")).containsExactlyInAnyOrderElementsOf(BAD);
        // Without the database: the name is unique, so it is found too.
        assertThat(get("/api/jobs/" + JOB + "/rejected").statusCode()).isEqualTo(200);
        assertThat(get("/api/jobs/no_such_job/rejected").statusCode()).isEqualTo(404);
    }

    private static JsonNode onlyElement(JsonNode array)
    {
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).as(array.toString()).isEqualTo(1);
        return array.get(0);
    }

    @Test
    void badRequestsGetErrorStatusesWithoutStackTraces()
            throws Exception
    {
        HttpResponse<String> notFound = get("/no/such/page");
        assertThat(notFound.statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        for (HttpResponse<String> response : List.of(notFound, post)) {
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        // Java's HTTP client refuses to send a malformed escape: the raw request does.
        // Not a URI at all (the JDK's server answers), then a valid URI whose escapes are not UTF-8 (the router does).
        String malformed = raw("GET /api/jobs/%zz/rejected HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(malformed).startsWith("HTTP/1.1 400").doesNotContain("\tat ");
        String notUtf8 = raw("GET /api/jobs/%C3%28/rejected HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(notUtf8).startsWith("HTTP/1.1 400").doesNotContain("Exception");
        // Garbage instead of HTTP: the server answers 400 or closes, and keeps serving.
        String garbage = raw("\u0000\u0001garbage\r\n\r\n");
        assertThat(garbage.isEmpty() || garbage.startsWith("HTTP/1.1 400")).as(garbage).isTrue();
        assertThat(get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void consoleRendersInHeadlessChromium()
            throws Exception
    {
        Path chromium = chromium();
        Path output = Path.of("target", "console").toAbsolutePath();
        Files.createDirectories(output);
        String console = "http://127.0.0.1:" + cluster.httpPort() + "/";

        String dom = runChromium(chromium, "--dump-dom", console);
        assertThat(dom).contains("data-job=\"" + JOB + "\"");
        assertThat(dom).contains(DATABASE + "." + JOB);
        assertThat(dom).containsPattern("<span class=\"state state-RUNNING\"[^>]*>RUNNING</span>");
        assertThat(dom).contains("data-table=\"" + DATABASE + ".events\"");
        assertThat(dom).contains("<svg class=\"graph rate\"").contains("<svg class=\"graph lag\"").contains("<polyline");
        assertThat(dom).contains("data-loaded=\"true\"");
        Files.writeString(output.resolve("console.html"), dom);
        runChromium(chromium, "--screenshot=" + output.resolve("console.png"), "--window-size=1280,900", console);
        assertThat(output.resolve("console.png")).isNotEmptyFile();

        String rejectedUrl = console + "#rejected/" + DATABASE + "/" + JOB;
        String rejectedDom = runChromium(chromium, "--dump-dom", rejectedUrl);
        assertThat(rejectedDom).contains("Rejected records of").contains(DATABASE + "." + JOB);
        assertThat(rejectedDom).contains("not json at all").contains("class=\"rejected-record\"");
        Files.writeString(output.resolve("rejected.html"), rejectedDom);
        runChromium(chromium, "--screenshot=" + output.resolve("rejected.png"), "--window-size=1280,900", rejectedUrl);
        assertThat(output.resolve("rejected.png")).isNotEmptyFile();
    }

    private static Path chromium()
    {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(entry, name);
                if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("Headless Chromium is needed to test the web console, and none is installed (chromium, chromium-browser or "
                + "google-chrome on PATH). Run .ci/run, which installs the Debian package chromium, or: apt-get install chromium");
    }

    /** Runs headless Chromium once; returns its standard output (the DOM for --dump-dom). */
    private static String runChromium(Path chromium, String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--user-data-dir=" + directory.resolve("chromium-profile"),
                // the console's first fetches finish well within this budget of virtual time
                "--virtual-time-budget=4000"));
        command.addAll(List.of(arguments));
        Path log = directory.resolve("chromium.log");
        Path output = directory.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish within 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            fail("Chromium exited with " + process.exitValue() + ": " + command + "\n" + Files.readString(log));
        }
        return Files.readString(output);
    }

    /** Sends bytes as they are and returns everything the server answers until it closes the connection. */
    private static String raw(String request)
            throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", cluster.httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static URI url(String path)
    {
        return URI.create("http://127.0.0.1:" + cluster.httpPort() + path);
    }

    private static HttpResponse<String> get(String path)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
