package io.sluice.server.http;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleApiTest
{
    @TempDir
    Path directory;

    private Storage storage;
    private RoutineLoadManager manager;
    private final AtomicBoolean mysqlUp = new AtomicBoolean(true);
    private final AtomicBoolean storageUp = new AtomicBoolean(true);
    private HttpRouter router;

    @BeforeEach
    void setUp()
    {
        storage = Storage.open(directory);
        manager = new RoutineLoadManager(storage, new LoadExpressionCompiler());
        ServerMetrics metrics = new ServerMetrics();
        JobSampler sampler = new JobSampler(manager, metrics.startMillis(), 5000, 720);
        router = SluiceHttpServer.router(new MetricsReport(storage, manager, metrics),
                new ConsoleApi(storage, manager, metrics, sampler, mysqlUp::get, storageUp::get));
    }

    @AfterEach
    void tearDown()
    {
        manager.close();
        storage.close();
    }

    @Test
    void healthIsUpOnlyWhenMysqlAndStorageAre()
    {
        HttpResponse up = router.route("GET", "/api/health", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.bodyText()).startsWith("{\"status\":\"UP\",\"components\":{\"mysql\":\"UP\",\"storage\":\"UP\"}");

        mysqlUp.set(false);
        HttpResponse down = router.route("GET", "/api/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.bodyText()).contains("\"status\":\"DOWN\"").contains("\"mysql\":\"DOWN\"").contains("\"storage\":\"UP\"");

        mysqlUp.set(true);
        storageUp.set(false);
        assertThat(router.route("GET", "/api/health", null).status()).isEqualTo(503);
    }

    @Test
    void emptyServerAnswersEmptyLists()
    {
        assertThat(router.route("GET", "/api/jobs", null).bodyText()).isEqualTo("{\"sampleIntervalSeconds\":5.0,\"jobs\":[]}");
        assertThat(router.route("GET", "/api/tables", null).bodyText()).isEqualTo("{\"tables\":[]}");
        assertThat(router.route("GET", "/api/jobs/nope/rejected", null).status()).isEqualTo(404);
    }

    @Test
    void metricsDeclareEveryFamilyEvenWithoutJobs()
    {
        HttpResponse metrics = router.route("GET", "/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).isEqualTo(PrometheusWriter.CONTENT_TYPE);
        String text = metrics.bodyText();
        for (String family : List.of("sluice_routine_load_loaded_rows_total counter", "sluice_routine_load_lag_seconds gauge",
                "sluice_routine_load_freshness_seconds histogram", "sluice_table_rows gauge", "sluice_queries_total counter",
                "sluice_query_seconds histogram", "sluice_connections gauge", "sluice_jvm_memory_heap_used_bytes gauge", "sluice_uptime_seconds gauge")) {
            assertThat(text).contains("# TYPE " + family + "\n");
        }
        assertThat(text).contains("sluice_queries_total{outcome=\"ok\"} 0\n").contains("sluice_query_seconds_bucket{le=\"+Inf\"} 0\n");
    }

    @Test
    void consoleIsServedFromTheClasspath()
    {
        for (Map.Entry<String, String> page : Map.of("/", "text/html", "/console.js", "text/javascript", "/console.css", "text/css").entrySet()) {
            HttpResponse response = router.route("GET", page.getKey(), null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith(page.getValue());
            assertThat(response.body()).isNotEmpty();
        }
        assertThat(router.route("GET", "/index.html/../console.js", null).status()).isEqualTo(404);
        assertThat(router.route("DELETE", "/metrics", null).status()).isEqualTo(405);
    }
}
