package io.sluice.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Server settings, from the command line and the configuration file.
 *
 * @param kafkaPort the embedded broker's port; empty when no embedded broker is started
 * @param rootPassword root's password on the first start (no account yet); root has an empty password without it
 * @param maxConnections initial max_connections: one more client gets error 1040
 * @param httpPort the HTTP port (metrics, health, console) on the same address; 0 for any free port
 */
public record SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort, Optional<String> rootPassword, int maxConnections,
        int httpPort)
{
    public static final int DEFAULT_PORT = 9030;
    public static final int DEFAULT_HTTP_PORT = 8030;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_MAX_CONNECTIONS = 151;
    private static final Set<String> SWITCHES = Set.of("embedded-kafka");
    public static final String USAGE = """
            Usage: sluice [--port N] [--http-port N] [--bind ADDRESS] [--data-dir DIR] [--embedded-kafka] [--kafka-port N]
                          [--root-password P] [--max-connections N] [--config FILE]
                   sluice produce --topic TOPIC [--bootstrap-servers HOST:PORT] [--partitions N]   (messages: lines of stdin)
              --port N            MySQL protocol port (default 9030)
              --http-port N       HTTP port: /metrics, /api/health, web console at / (default 8030; 0 = any free port)
              --bind ADDRESS      address to listen on (default 127.0.0.1)
              --data-dir DIR      where tables, metadata and the embedded broker's log live (default ./data)
              --embedded-kafka    also start a single-node Kafka broker (KRaft) in this process
              --kafka-port N      port of the embedded broker (default 9092)
              --root-password P   root's password, set on the first start only (default: empty)
              --max-connections N initial max_connections (default 151; SET GLOBAL max_connections changes it)
              --config FILE       read settings from FILE first (`name = value` lines, the options without --;
                                  `embedded-kafka = true`); options on the command line win. bin/sluice passes
                                  conf/sluice.conf when it exists
            """;

    public SluiceConfig
    {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(kafkaPort, "kafkaPort is null");
        requireNonNull(rootPassword, "rootPassword is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive: " + maxConnections);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535: " + httpPort);
        }
    }

    /** Defaults for the rest, the HTTP port on any free port: as tests and embedded servers want it. */
    public SluiceConfig(String bindAddress, int port, Path dataDirectory, Optional<Integer> kafkaPort)
    {
        this(bindAddress, port, dataDirectory, kafkaPort, Optional.empty(), DEFAULT_MAX_CONNECTIONS, 0);
    }

    public static SluiceConfig parse(List<String> arguments)
    {
        String bind = "127.0.0.1";
        int port = DEFAULT_PORT;
        Path dataDirectory = Path.of("data");
        boolean embeddedKafka = false;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        Optional<String> rootPassword = Optional.empty();
        int maxConnections = DEFAULT_MAX_CONNECTIONS;
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
                case "--root-password" -> rootPassword = Optional.of(value(arguments, ++i, argument));
                case "--max-connections" -> maxConnections = intValue(arguments, ++i, argument);
                default -> throw new IllegalArgumentException("Unknown option: " + argument);
            }
        }
        return new SluiceConfig(bind, port, dataDirectory, embeddedKafka ? Optional.of(kafkaPort) : Optional.empty(), rootPassword, maxConnections, httpPort);
    }

    /**
     * The arguments with those of {@code --config FILE} put first (so that the command line wins): each
     * {@code name = value} line becomes {@code --name value}; {@code true} / {@code false} turn a switch on or off.
     */
    public static List<String> withConfigFile(List<String> arguments)
    {
        List<String> rest = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("--config")) {
                file = Path.of(value(arguments, ++i, "--config"));
            }
            else {
                rest.add(arguments.get(i));
            }
        }
        if (file == null) {
            return arguments;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the configuration file " + file + ": " + e.getMessage());
        }
        List<String> combined = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(file + " line " + number + ": expected name = value, got '" + line + "'");
            }
            String name = line.substring(0, equals).strip();
            String setting = line.substring(equals + 1).strip();
            if (SWITCHES.contains(name)) {
                if (!setting.equals("true") && !setting.equals("false")) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + name + " must be true or false, got '" + setting + "'");
                }
                if (setting.equals("true")) {
                    combined.add("--" + name);
                }
            }
            else {
                combined.add("--" + name);
                combined.add(setting);
            }
        }
        combined.addAll(rest);
        return combined;
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
