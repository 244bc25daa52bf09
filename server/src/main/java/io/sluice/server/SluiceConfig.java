package io.sluice.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Server settings, from the command line.
 *
 * @param kafkaPort the embedded broker's port; empty when no embedded broker is started
 * @param httpPort the HTTP port (metrics, health, console) on the same address; 0 for any free port
 */
public record SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort, int httpPort)
{
    public static final int DEFAULT_PORT = 9030;
    public static final int DEFAULT_HTTP_PORT = 8030;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String USAGE = """
            Usage: sluice [--port N] [--http-port N] [--bind ADDRESS] [--data-dir DIR] [--embedded-kafka] [--kafka-port N]
                   sluice produce --topic TOPIC [--bootstrap-servers HOST:PORT] [--partitions N]   (messages: lines of stdin)
              --port N            MySQL protocol port (default 9030)
              --http-port N       HTTP port: /metrics, /api/health, web console at / (default 8030; 0 = any free port)
              --bind ADDRESS      address to listen on (default 127.0.0.1)
              --data-dir DIR      where tables, metadata and the embedded broker's log live (default ./data)
              --embedded-kafka    also start a single-node Kafka broker (KRaft) in this process
              --kafka-port N      port of the embedded broker (default 9092)
            """;

    public SluiceConfig
    {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(kafkaPort, "kafkaPort is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535: " + httpPort);
        }
    }

    /** Settings with the HTTP port on any free port, as tests and embedded servers want it. */
    public SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort)
    {
        this(bindAddress, port, dataDirectory, kafkaPort, 0);
    }

    public static SluiceConfig parse(List<String> arguments)
    {
        String bind = "127.0.0.1";
        int port = DEFAULT_PORT;
        Path dataDirectory = Path.of("data");
        boolean embeddedKafka = false;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int httpPort = DEFAULT_HTTP_PORT;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--port" -> port = intValue(arguments, ++i, argument);
                case "--http-port" -> httpPort = intValue(arguments, ++i, argument);
                case "--bind" -> bind = value(arguments, ++i, argument);
                case "--data-dir" -> dataDirectory = Path.of(value(arguments, ++i, argument));
                case "--embedded-kafka" -> embeddedKafka = true;
                case "--kafka-port" -> kafkaPort = intValue(arguments, ++i, argument);
                default -> throw new IllegalArgumentException("Unknown option: " + argument);
            }
        }
        return new SluiceConfig(bind, port, dataDirectory, embeddedKafka ? Optional.of(kafkaPort) : Optional.empty(), httpPort);
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
