package io.sluice.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Server settings, from the command line.
 *
 * @param kafkaPort the embedded broker's port; empty when no embedded broker is started
 * @param maxConnections initial max_connections: one more client gets error 1040
 */
public record SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort, int maxConnections)
{
    public static final int DEFAULT_PORT = 9030;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_MAX_CONNECTIONS = 151;
    public static final String USAGE = """
            Usage: sluice [--port N] [--bind ADDRESS] [--data-dir DIR] [--embedded-kafka] [--kafka-port N] [--max-connections N]
                   sluice produce --topic TOPIC [--bootstrap-servers HOST:PORT] [--partitions N]   (messages: lines of stdin)
              --port N            MySQL protocol port (default 9030)
              --bind ADDRESS      address to listen on (default 127.0.0.1)
              --data-dir DIR      where tables, metadata and the embedded broker's log live (default ./data)
              --embedded-kafka    also start a single-node Kafka broker (KRaft) in this process
              --kafka-port N      port of the embedded broker (default 9092)
              --max-connections N initial max_connections (default 151; SET GLOBAL max_connections changes it)
            """;

    public SluiceConfig
    {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(kafkaPort, "kafkaPort is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive: " + maxConnections);
        }
    }

    public SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort)
    {
        this(bindAddress, port, dataDirectory, kafkaPort, DEFAULT_MAX_CONNECTIONS);
    }

    public static SluiceConfig parse(List<String> arguments)
    {
        String bind = "127.0.0.1";
        int port = DEFAULT_PORT;
        Path dataDirectory = Path.of("data");
        boolean embeddedKafka = false;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int maxConnections = DEFAULT_MAX_CONNECTIONS;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--port" -> port = intValue(arguments, ++i, argument);
                case "--bind" -> bind = value(arguments, ++i, argument);
                case "--data-dir" -> dataDirectory = Path.of(value(arguments, ++i, argument));
                case "--embedded-kafka" -> embeddedKafka = true;
                case "--kafka-port" -> kafkaPort = intValue(arguments, ++i, argument);
                case "--max-connections" -> maxConnections = intValue(arguments, ++i, argument);
                default -> throw new IllegalArgumentException("Unknown option: " + argument);
            }
        }
        return new SluiceConfig(bind, port, dataDirectory, embeddedKafka ? Optional.of(kafkaPort) : Optional.empty(), maxConnections);
    }

    static String value(List<String> arguments, int index, String option)
    {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(index);
    }

    static int intValue(List<String> arguments, int index, String option)
    {
        String text = value(arguments, index, option);
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'");
        }
    }
}
