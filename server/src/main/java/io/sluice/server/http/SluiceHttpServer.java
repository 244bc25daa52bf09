package io.sluice.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP port: Prometheus metrics at /metrics, health and JSON APIs under /api, and the web console at /. Built on
 * the JDK's HTTP server (it parses requests and answers malformed ones itself) with two worker threads: monitoring
 * traffic is light, and must never take threads from queries.
 */
public final class SluiceHttpServer
        implements AutoCloseable
{
    public static final int DEFAULT_PORT = 8030;

    private static final Logger log = LoggerFactory.getLogger(SluiceHttpServer.class);
    private static final int WORKER_THREADS = 2;
    private static final String RESOURCES = "/io/sluice/server/http/console/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final JobSampler sampler;
    private final HttpRouter router;

    private SluiceHttpServer(HttpServer server, ExecutorService executor, JobSampler sampler, HttpRouter router)
    {
        this.server = server;
        this.executor = executor;
        this.sampler = sampler;
        this.router = router;
    }

    /**
     * Binds and starts serving, with a sampler taking one sample of every job each {@code sampleIntervalMillis}.
     *
     * @param mysqlListening whether the MySQL endpoint accepts connections (for /api/health)
     * @param storageOpen whether storage is open (for /api/health)
     * @throws IllegalStateException when the address cannot be bound
     */
    public static SluiceHttpServer start(String bindAddress, int port, Storage storage, RoutineLoadManager manager, ServerMetrics metrics,
            BooleanSupplier mysqlListening, BooleanSupplier storageOpen, long sampleIntervalMillis)
    {
        JobSampler sampler = new JobSampler(manager, metrics.startMillis(), sampleIntervalMillis, JobSampler.DEFAULT_CAPACITY);
        HttpRouter router = router(new MetricsReport(storage, manager, metrics), new ConsoleApi(storage, manager, metrics, sampler, mysqlListening, storageOpen));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        }
        catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot listen for HTTP on %s:%s: %s".formatted(bindAddress, port, e.getMessage()), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "sluice-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SluiceHttpServer http = new SluiceHttpServer(server, executor, sampler, router);
        server.createContext("/", http::handle);
        server.setExecutor(executor);
        server.start();
        sampler.start();
        log.info("HTTP console and metrics at http://{}:{}/", bindAddress, http.port());
        return http;
    }

    static HttpRouter router(MetricsReport metrics, ConsoleApi api)
    {
        HttpResponse index = resource("index.html", "text/html; charset=utf-8");
        HttpResponse script = resource("console.js", "text/javascript; charset=utf-8");
        HttpResponse style = resource("console.css", "text/css; charset=utf-8");
        return HttpRouter.builder()
                .get("/", request -> index)
                .get("/console.js", request -> script)
                .get("/console.css", request -> style)
                .get("/metrics", request -> HttpResponse.of(200, PrometheusWriter.CONTENT_TYPE, metrics.render(System.currentTimeMillis())))
                .get("/api/health", api::health)
                .get("/api/jobs", api::jobs)
                .get("/api/tables", api::tables)
                .get("/api/jobs/{}/rejected", api::rejected)
                .build();
    }

    private static HttpResponse resource(String name, String contentType)
    {
        try (InputStream input = SluiceHttpServer.class.getResourceAsStream(RESOURCES + name)) {
            if (input == null) {
                throw new IllegalStateException("Console resource missing from the classpath: " + RESOURCES + name);
            }
            return new HttpResponse(200, contentType, input.readAllBytes(), Map.of());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange)
    {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            HttpResponse response = router.route(method, uri.getRawPath(), uri.getRawQuery());
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        }
        catch (IOException e) {
            // the client went away
            log.debug("HTTP response not sent", e);
        }
        catch (RuntimeException e) {
            log.warn("HTTP request failed", e);
        }
    }

    @Override
    public void close()
    {
        sampler.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
