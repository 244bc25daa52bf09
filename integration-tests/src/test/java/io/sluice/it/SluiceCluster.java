package io.sluice.it;

import io.sluice.server.SluiceConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.kafka.EmbeddedKafkaBroker;
import io.sluice.server.kafka.TopicProducer;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real KRaft broker and a Sluice server, both in the test JVM on free ports, each with its own data directory.
 * Sluice can be restarted on the same data directory to check what survives.
 */
final class SluiceCluster
        implements AutoCloseable
{
    private final EmbeddedKafkaBroker kafka;
    private final Path sluiceData;
    private SluiceServer sluice;

    SluiceCluster(Path directory)
    {
        this.kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), "127.0.0.1", 0);
        this.sluiceData = directory.resolve("sluice");
        startSluice();
    }

    void startSluice()
    {
        sluice = SluiceServer.start(new SluiceConfig("127.0.0.1", 0, sluiceData, Optional.empty()));
    }

    void restartSluice()
    {
        sluice.close();
        startSluice();
    }

    int port()
    {
        return sluice.port();
    }

    String bootstrapServers()
    {
        return kafka.bootstrapServers();
    }

    MysqlCli mysql()
    {
        return new MysqlCli(port());
    }

    String jdbcUrl(String driver, String database)
    {
        return "jdbc:" + driver + "://127.0.0.1:" + port() + "/" + database + "?user=root&password=&useSSL=false&connectTimeout=10000";
    }

    void createTopic(String topic, int partitions)
    {
        TopicProducer.createTopicIfMissing(bootstrapServers(), topic, partitions);
    }

    void produce(String topic, List<String> messages)
    {
        TopicProducer.produceLines(bootstrapServers(), topic, new BufferedReader(new StringReader(String.join("\n", messages))));
    }

    static void awaitTrue(String what, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 60 s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close()
    {
        if (sluice != null) {
            sluice.close();
        }
        kafka.close();
    }
}
