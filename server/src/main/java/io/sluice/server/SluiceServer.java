package io.sluice.server;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
import io.sluice.server.http.JobSampler;
import io.sluice.server.http.MeteredSessionFactory;
import io.sluice.server.http.ServerMetrics;
import io.sluice.server.http.SluiceHttpServer;
import io.sluice.server.kafka.EmbeddedKafkaBroker;
import io.sluice.server.mysql.MysqlException;
import io.sluice.server.access.AccessControl;
import io.sluice.server.mysql.MysqlServer;
import io.sluice.server.mysql.MysqlServerConfig;
import io.sluice.server.statement.SluiceSession;
import io.sluice.storage.Storage;
import io.sluice.storage.error.SluiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The whole server in one object: storage, routine load jobs, the MySQL protocol endpoint, the HTTP endpoint
 * (metrics, health, console) and, optionally, an embedded Kafka broker. {@link #start} brings them up in dependency
 * order; {@link #close} stops them in reverse.
 */
public final class SluiceServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);

    private final SluiceConfig config;
    private EmbeddedKafkaBroker kafka;
    private volatile Storage storage;
    private RoutineLoadManager routineLoads;
    private MysqlServer mysqlServer;
    private SluiceHttpServer httpServer;
    private final ServerMetrics metrics = new ServerMetrics();
    private int port;

    private SluiceServer(SluiceConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    public static SluiceServer start(SluiceConfig config)
    {
        SluiceServer server = new SluiceServer(config);
        try {
            server.startComponents();
            return server;
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startComponents()
    {
        long started = System.nanoTime();
        if (config.kafkaPort().isPresent()) {
            kafka = EmbeddedKafkaBroker.start(config.dataDirectory().resolve("kafka"), config.bindAddress(), config.kafkaPort().get());
        }
        storage = Storage.open(config.dataDirectory());
        routineLoads = new RoutineLoadManager(storage, new LoadExpressionCompiler());
        AccessControl access = AccessControl.open(storage, config.rootPassword());
        // before any job runs: jobs load with their creators' privileges
        routineLoads.setAuthorizer(access::loadDenial);
        routineLoads.start();
        MysqlServerConfig mysqlConfig = MysqlServerConfig.builder()
                .bindAddress(config.bindAddress())
                .port(config.port())
                .maxConnections(config.maxConnections())
                .build();
        mysqlServer = new MysqlServer(mysqlConfig, access, new MeteredSessionFactory(connection -> {
            try {
                return new SluiceSession(storage, routineLoads, connection, Optional.of(access));
            }
            catch (SluiceException e) {
                throw new MysqlException(e.errorCode().mysqlCode(), e.errorCode().sqlState(), e.getMessage());
            }
        }, metrics));
        port = mysqlServer.start();
        Storage openStorage = storage;
        MysqlServer listening = mysqlServer;
        httpServer = SluiceHttpServer.start(config.bindAddress(), config.httpPort(), storage, routineLoads, metrics,
                listening::isListening, () -> isOpen(openStorage), JobSampler.DEFAULT_INTERVAL_MILLIS);
        log.info("Sluice is ready: mysql -h{} -P{} -uroot, console http://{}:{}/{} (data in {}, started in {} ms)",
                config.bindAddress(), port, config.bindAddress(), httpServer.port(),
                kafka == null ? "" : "; embedded Kafka at " + kafka.bootstrapServers(),
                config.dataDirectory().toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
    }

    // Not synchronized: close() holds the lock while it waits for the HTTP threads, one of which may be asking this.
    private boolean isOpen(Storage opened)
    {
        return storage == opened && Files.isDirectory(opened.dataDirectory());
    }

    /** The MySQL protocol port (useful when the configured port was 0). */
    public int port()
    {
        return port;
    }

    /** The HTTP port (metrics, health, console), useful when the configured port was 0. */
    public int httpPort()
    {
        return httpServer.port();
    }

    public Optional<String> kafkaBootstrapServers()
    {
        return Optional.ofNullable(kafka).map(EmbeddedKafkaBroker::bootstrapServers);
    }

    @Override
    public synchronized void close()
    {
        boolean running = storage != null;
        if (httpServer != null) {
            httpServer.close();
            httpServer = null;
        }
        if (mysqlServer != null) {
            mysqlServer.close();
            mysqlServer = null;
        }
        if (routineLoads != null) {
            routineLoads.close();
            routineLoads = null;
        }
        if (storage != null) {
            storage.close();
            storage = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (running) {
            log.info("Sluice stopped: connections closed, loads ended at a batch boundary, metadata closed");
        }
    }
}
