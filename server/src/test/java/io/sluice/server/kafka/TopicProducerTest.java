package io.sluice.server.kafka;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TopicProducerTest
{
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void produceToUnreachableBrokerFails()
            throws IOException
    {
        String bootstrapServers = "127.0.0.1:" + unusedPort();

        assertThatThrownBy(() -> TopicProducer.produceLines(bootstrapServers, "events", reader("a\nb\n"), SHORT_TIMEOUT))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageStartingWith("Cannot produce to topic 'events' on " + bootstrapServers + " after writing 0 messages: ")
                .hasMessageEndingWith("(is a broker running at " + bootstrapServers + "?)");
    }

    @Test
    void createTopicOnUnreachableBrokerFails()
            throws IOException
    {
        String bootstrapServers = "127.0.0.1:" + unusedPort();

        assertThatThrownBy(() -> TopicProducer.createTopicIfMissing(bootstrapServers, "events", 2, SHORT_TIMEOUT))
                .isInstanceOf(KafkaOperationException.class)
                .hasMessageContaining(bootstrapServers);
    }

    @Test
    void emptyInputSendsNothing()
            throws IOException
    {
        // Nothing is sent, so nothing needs a broker
        String bootstrapServers = "127.0.0.1:" + unusedPort();

        assertThat(TopicProducer.produceLines(bootstrapServers, "events", reader("\n  \n\t\n"), SHORT_TIMEOUT)).isZero();
    }

    @Test
    void unreadableInputFails()
    {
        Reader failing = new Reader()
        {
            @Override
            public int read(char[] buffer, int offset, int length)
                    throws IOException
            {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> TopicProducer.produceLines("127.0.0.1:9", "events", new BufferedReader(failing), SHORT_TIMEOUT))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read the lines to produce: disk on fire");
    }

    @Test
    void rejectsInvalidArguments()
    {
        assertThatThrownBy(() -> TopicProducer.createTopicIfMissing("127.0.0.1:9", "bad topic", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid topic name 'bad topic': ");
        assertThatThrownBy(() -> TopicProducer.createTopicIfMissing("127.0.0.1:9", "", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicProducer.createTopicIfMissing("127.0.0.1:9", "events", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition count must be positive: 0");
        assertThatThrownBy(() -> TopicProducer.produceLines(" ", "events", reader("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka bootstrap servers are empty");
        assertThatThrownBy(() -> TopicProducer.produceLines("127.0.0.1:9", "a/b", reader("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedReader reader(String text)
    {
        return new BufferedReader(new StringReader(text));
    }

    private static int unusedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
