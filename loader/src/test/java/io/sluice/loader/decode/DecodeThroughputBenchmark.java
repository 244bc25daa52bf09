package io.sluice.loader.decode;

import io.sluice.loader.job.ColumnMapping;
import io.sluice.storage.catalog.AggregationFunction;
import io.sluice.storage.catalog.ColumnSchema;
import io.sluice.storage.catalog.KeyModel;
import io.sluice.storage.catalog.TableSchema;
import io.sluice.storage.column.ColumnBatchBuilder;
import io.sluice.storage.table.TableData;
import io.sluice.storage.type.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decode + assemble throughput of Story A messages in process, without Kafka or storage: what one load task spends
 * per message before its batch is committed. Not a unit test (it times things): run it with
 * {@code mvn -o -pl loader test -Dtest=DecodeThroughputBenchmark -Dsluice.benchmark=true [-Dsluice.benchmark.messages=1000000]}.
 * Prints msg/s per variant (the best of several passes after warm-up passes).
 */
@EnabledIfSystemProperty(named = "sluice.benchmark", matches = "true")
class DecodeThroughputBenchmark
{
    private static final String[] STATUSES = {"active", "inactive", "pending", "banned"};
    private static final int BATCH_ROWS = 200_000;
    private static final int WARM_UP_PASSES = 4;
    private static final int MEASURED_PASSES = 6;

    private static final TableSchema USERS = new TableSchema(List.of(
            column("id", ColumnType.BIGINT, false, true),
            column("name", ColumnType.STRING, false, false),
            column("timestamp", ColumnType.STRING, true, false),
            column("status", ColumnType.STRING, true, false)),
            KeyModel.PRIMARY, List.of("id"), 1, Map.of());
    private static final List<ColumnMapping> STORY_A_COLUMNS = List.of(source("id"), source("name"), source("timestamp"), source("status"));
    private static final String[] COUNTRIES = {"US", "UK", "FR", "DE", "CN", "JP", "BR", "IN"};
    /** Story B's aggregate table, loaded without the pay_dt expression (the function library lives in the server). */
    private static final TableSchema PURCHASES = new TableSchema(List.of(
            varchar("commodity_id", true),
            varchar("customer_name", true),
            varchar("country", true),
            column("pay_time", ColumnType.BIGINT, true, false),
            new ColumnSchema("price", ColumnType.DOUBLE, 0, 0, true, false, AggregationFunction.SUM, Optional.empty(), "")),
            KeyModel.AGGREGATE, List.of("commodity_id"), 5, Map.of());

    @Test
    void storyA()
    {
        int count = Integer.getInteger("sluice.benchmark.messages", 1_000_000);
        byte[][] json = new byte[count][];
        byte[][] csv = new byte[count][];
        for (int i = 0; i < count; i++) {
            json[i] = userJson(i + 1);
            csv[i] = userCsv(i + 1);
        }

        RowAssembler jsonAssembler = new RowAssembler(USERS, STORY_A_COLUMNS, Optional.empty(), false, new FakeExpressionCompiler(), "UTC");
        MessageDecoder jsonPaths = new JsonMessageDecoder(jsonAssembler.sourceNames(), List.of("$.id", "$.name", "$.timestamp", "$.status"), Optional.empty(), false);
        MessageDecoder jsonByName = new JsonMessageDecoder(jsonAssembler.sourceNames(), List.of(), Optional.empty(), false);
        MessageDecoder csvDecoder = new CsvMessageDecoder(jsonAssembler.sourceNames().size(), "\t", "\n", false);

        report("json, jsonpaths (Story A)", json, jsonPaths, jsonAssembler, USERS);
        report("json, by name", json, jsonByName, jsonAssembler, USERS);
        report("csv, tab separated", csv, csvDecoder, jsonAssembler, USERS);

        byte[][] purchases = new byte[count][];
        for (int i = 0; i < count; i++) {
            purchases[i] = purchaseJson(i + 1);
        }
        RowAssembler purchaseAssembler = new RowAssembler(PURCHASES, List.of(), Optional.empty(), false, new FakeExpressionCompiler(), "UTC");
        MessageDecoder purchasePaths = new JsonMessageDecoder(purchaseAssembler.sourceNames(),
                List.of("$.commodity_id", "$.customer_name", "$.country", "$.pay_time", "$.price"), Optional.empty(), false);
        report("json, Story B columns", purchases, purchasePaths, purchaseAssembler, PURCHASES);
    }

    private static void report(String variant, byte[][] messages, MessageDecoder decoder, RowAssembler assembler, TableSchema schema)
    {
        if (!variant.contains(System.getProperty("sluice.benchmark.variant", ""))) {
            return;
        }
        CountingConsumer consumer = new CountingConsumer(assembler, new ColumnBatchBuilder(TableData.physicalTypes(schema)));
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            run(messages, decoder, consumer);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] rates = new double[MEASURED_PASSES];
        double[] cpuRates = new double[MEASURED_PASSES];
        long allocated = 0;
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long allocatedStart = threads.getCurrentThreadAllocatedBytes();
            run(messages, decoder, consumer);
            rates[pass] = messages.length / ((System.nanoTime() - start) / 1e9);
            cpuRates[pass] = messages.length / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            allocated += threads.getCurrentThreadAllocatedBytes() - allocatedStart;
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        assertThat(consumer.rejected).as("rejected rows").isZero();
        // The machines are shared: CPU time of this thread is steadier than wall time.
        // Allocation includes the batches' column arrays (the builder regrows them for every batch).
        System.out.printf("%-28s wall: best %,11.0f median %,11.0f msg/s   cpu: best %,11.0f median %,11.0f msg/cpu-s   allocated %,6.1f B/msg%n",
                variant, rates[rates.length - 1], rates[rates.length / 2], cpuRates[cpuRates.length - 1], cpuRates[cpuRates.length / 2],
                allocated / (double) MEASURED_PASSES / messages.length);
    }

    private static void run(byte[][] messages, MessageDecoder decoder, CountingConsumer consumer)
    {
        for (byte[] message : messages) {
            decoder.decode(message, consumer);
            if (consumer.builder.rowCount() >= BATCH_ROWS) {
                consumer.builder.build();
            }
        }
        consumer.builder.build();
    }

    private static byte[] userJson(long id)
    {
        return ("{\"id\": " + id + ", \"name\": \"user" + id + "\", \"timestamp\": \"2023-11-10T12:" + two(id / 60 % 60) + ":" + two(id % 60)
                + "\", \"status\": \"" + STATUSES[(int) (id % STATUSES.length)] + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] userCsv(long id)
    {
        return (id + "\tuser" + id + "\t2023-11-10T12:" + two(id / 60 % 60) + ":" + two(id % 60) + "\t" + STATUSES[(int) (id % STATUSES.length)])
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] purchaseJson(long id)
    {
        return ("{\"commodity_id\": \"" + (id % 1000) + "\", \"customer_name\": \"customer" + (id % 1000) + "\", \"country\": \""
                + COUNTRIES[(int) (id % COUNTRIES.length)] + "\",\"pay_time\": 1589191487,\"price\": " + (id % 1000 + 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String two(long value)
    {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    private static ColumnSchema column(String name, ColumnType type, boolean nullable, boolean key)
    {
        return new ColumnSchema(name, type, 0, 0, nullable, key, AggregationFunction.NONE, Optional.empty(), "");
    }

    private static ColumnSchema varchar(String name, boolean key)
    {
        return new ColumnSchema(name, ColumnType.VARCHAR, 26, 0, true, key, AggregationFunction.NONE, Optional.empty(), "");
    }

    private static ColumnMapping source(String name)
    {
        return new ColumnMapping(name, Optional.empty());
    }

    private static final class CountingConsumer
            implements RowConsumer
    {
        private final RowAssembler assembler;
        private final ColumnBatchBuilder builder;
        private long rejected;

        CountingConsumer(RowAssembler assembler, ColumnBatchBuilder builder)
        {
            this.assembler = assembler;
            this.builder = builder;
        }

        @Override
        public void accept(SourceRow row)
        {
            if (assembler.assemble(row, builder) != RowAssembler.LOADED) {
                rejected++;
            }
        }

        @Override
        public void reject(String reason)
        {
            rejected++;
        }
    }
}
