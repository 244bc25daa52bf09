package io.sluice.server;

import io.sluice.loader.job.RoutineLoadManager;
import io.sluice.server.expression.LoadExpressionCompiler;
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

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The whole server in one object: storage, routine load jobs, the MySQL protocol endpoint and, optionally, an
 * embedded Kafka broker. {@link #start} brings them up in dependency order; {@link #close} stops them in reverse.
 */
public final class SluiceServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);

    private final SluiceConfig config;
    private EmbeddedKafkaBroker kafka;
    private Storage storage;
    private RoutineLoadManager routineLoads;
    private MysqlServer mysqlServer;
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
        mysqlServer = new MysqlServer(mysqlConfig, access, connection -> {
            try {
                return new SluiceSession(storage, routineLoads, connection, Optional.of(access));
            }
            catch (SluiceException e) {
                throw new MysqlException(e.errorCode().mysqlCode(), e.errorCode().sqlState(), e.getMessage());
            }
        });
        port = mysqlServer.start();
        log.info("Sluice is ready: mysql -h{} -P{} -uroot{} (data in {}, started in {} ms)",
                config.bindAddress(), port,
                kafka == null ? "" : "; embedded Kafka at " + kafka.bootstrapServers(),
                config.dataDirectory().toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The MySQL protocol port (useful when the configured port was 0). */
    public int port()
    {
        return port;
    }

    public Optional<String> kafkaBootstrapServers()
    {
        return Optional.ofNullable(kafka).map(EmbeddedKafkaBroker::bootstrapServers);
    }

    @Override
    public synchronized void close()
    {
        boolean running = storage != null;
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
