package io.sluice.server;

import io.sluice.server.kafka.TopicProducer;
import io.sluice.sql.parser.CalciteDefaults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line entry point: starts the server (stopping cleanly on SIGTERM / Ctrl-C), or with {@code produce}
 * sends stdin lines to a Kafka topic.
 */
public final class Main
{
    private Main() {}

    public static void main(String[] args)
    {
        CalciteDefaults.apply();
        List<String> arguments = Arrays.asList(args);
        try {
            if (!arguments.isEmpty() && arguments.get(0).equals("produce")) {
                produce(arguments.subList(1, arguments.size()));
                return;
            }
            if (arguments.contains("--help") || arguments.contains("-h")) {
                System.out.print(SluiceConfig.USAGE);
                return;
            }
            serve(SluiceConfig.parse(SluiceConfig.withConfigFile(arguments)));
        }
        catch (IllegalArgumentException e) {
            System.err.println("sluice: " + e.getMessage());
            System.err.print(SluiceConfig.USAGE);
            System.exit(2);
        }
        catch (RuntimeException e) {
            System.err.println("sluice: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(SluiceConfig config)
    {
        ServerLog.start(config.dataDirectory());
        SluiceServer server = SluiceServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        try {
            stopped.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void produce(List<String> arguments)
    {
        String topic = null;
        String bootstrap = "127.0.0.1:" + SluiceConfig.DEFAULT_KAFKA_PORT;
        int partitions = 1;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--topic" -> topic = SluiceConfig.value(arguments, ++i, argument);
                case "--bootstrap-servers" -> bootstrap = SluiceConfig.value(arguments, ++i, argument);
                case "--partitions" -> partitions = SluiceConfig.intValue(arguments, ++i, argument);
                default -> throw new IllegalArgumentException("Unknown option for produce: " + argument);
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("produce needs --topic");
        }
        TopicProducer.createTopicIfMissing(bootstrap, topic, partitions);
        long count = TopicProducer.produceLines(bootstrap, topic, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        System.err.println("Produced " + count + " messages to " + topic);
    }
}
