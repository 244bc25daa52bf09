package io.sluice.storage.exec;

import io.sluice.storage.column.ColumnVector;
import io.sluice.storage.column.LongVector;
import io.sluice.storage.column.StringVector;
import io.sluice.storage.segment.Segment;
import io.sluice.storage.segment.SegmentFiles;
import io.sluice.storage.table.SegmentSlice;
import io.sluice.storage.type.PhysicalType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A hand-run measurement, not a test: the query benchmark's two high-cardinality string queries over a table of its
 * shape (N rows, N/10 distinct customers), in process. Segments go through the file format and back, as a restarted
 * server would hold them. Arguments: rows (default 10M), then the segment sizes as fractions of the rows, e.g.
 * {@code 10000000 0.96,0.02,0.02} (one compacted segment and two commits) or twelve 0.08 and two 0.02 (merges capped
 * near a million rows); default 0.5,0.25,0.125,0.0625,0.0625. A third argument {@code profile} (or
 * {@code profile-parallel}) only runs the queries over and over, for a profiler. Prints, per query, the median wall
 * time on all cores with the process's CPU time, and the CPU time of one thread doing everything: on a shared
 * machine the CPU times are the steadier figures.
 * <pre>
 * mvn -o -q -pl storage dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Xmx6g -cp storage/target/classes:storage/target/test-classes:$(cat storage/cp.txt) io.sluice.storage.exec.HighCardinalityBenchmark
 * </pre>
 */
public final class HighCardinalityBenchmark
{
    private static final List<PhysicalType> TYPES = List.of(PhysicalType.LONG, PhysicalType.STRING, PhysicalType.LONG);
    private static final int RUNS = 9;

    private HighCardinalityBenchmark() {}

    public static void main(String[] arguments)
            throws IOException
    {
        long rows = arguments.length > 0 ? Long.parseLong(arguments[0]) : 10_000_000;
        double[] fractions = arguments.length > 1
                ? Arrays.stream(arguments[1].split(",")).mapToDouble(Double::parseDouble).toArray()
                : new double[] {0.5, 0.25, 0.125, 0.0625, 0.0625};
        List<SegmentSlice> slices = table(rows, fractions);
        System.out.printf("%,d rows in %d segments%n", rows, slices.size());

        ScanRequest groupBy = new ScanRequest(
                Optional.empty(),
                List.of(),
                List.of(1),
                List.of(AggregateCall.countStar(), new AggregateCall(AggregateCall.Kind.SUM, 2, false)),
                List.of(new SortKey(2, true, false), new SortKey(0, false, true)),
                0,
                OptionalLong.of(10));
        ScanRequest countDistinct = new ScanRequest(
                Optional.empty(), List.of(), List.of(), List.of(new AggregateCall(AggregateCall.Kind.COUNT, 1, true)), List.of(), 0, OptionalLong.empty());
        if (arguments.length > 2 && arguments[2].startsWith("profile")) {
            // For a profiler: the two queries over and over, on one thread or (profile-parallel) as configured.
            int parallelism = arguments[2].equals("profile") ? 1 : ParallelWork.PARALLELISM;
            for (int run = 0; run < 30; run++) {
                QueryExecutor.execute(slices, TYPES, null, groupBy, new ExecutionStats(), parallelism, ParallelScan.MINIMUM_PAGES_PER_PARTITION);
                QueryExecutor.execute(slices, TYPES, null, countDistinct, new ExecutionStats(), parallelism, ParallelScan.MINIMUM_PAGES_PER_PARTITION);
            }
            return;
        }
        for (int round = 0; round < 2; round++) {
            time("group by customer, top 10", slices, groupBy);
            time("count(distinct customer)", slices, countDistinct);
        }
    }

    private static void time(String name, List<SegmentSlice> slices, ScanRequest request)
    {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[RUNS];
        double[] sequentialCpuMillis = new double[RUNS];
        double[] parallelCpuMillis = new double[RUNS];
        com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Object[]> result = null;
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            result = QueryExecutor.execute(slices, TYPES, request).rows();
        }
        for (int run = 0; run < RUNS; run++) {
            long processCpuStart = system.getProcessCpuTime();
            long start = System.nanoTime();
            result = QueryExecutor.execute(slices, TYPES, request).rows();
            millis[run] = (System.nanoTime() - start) / 1e6;
            parallelCpuMillis[run] = (system.getProcessCpuTime() - processCpuStart) / 1e6;
            // One thread, timed by its CPU time: what the work costs, whatever else the machine runs.
            long cpuStart = threads.getCurrentThreadCpuTime();
            QueryExecutor.execute(slices, TYPES, null, request, new ExecutionStats(), 1, 1);
            sequentialCpuMillis[run] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Arrays.sort(millis);
        Arrays.sort(sequentialCpuMillis);
        Arrays.sort(parallelCpuMillis);
        System.out.printf("%-26s parallel: median %6.1f ms (min %6.1f, max %6.1f), process CPU median %6.1f ms; one thread: CPU median %6.1f ms (min %6.1f); first row %s%n",
                name, millis[RUNS / 2], millis[0], millis[RUNS - 1], parallelCpuMillis[RUNS / 2], sequentialCpuMillis[RUNS / 2], sequentialCpuMillis[0],
                Arrays.toString(result.get(0)));
    }

    private static List<SegmentSlice> table(long rows, double[] fractions)
            throws IOException
    {
        Path directory = Files.createTempDirectory("high-cardinality");
        List<SegmentSlice> slices = new ArrayList<>();
        long customers = Math.max(1, rows / 10);
        long nextId = 1;
        for (int i = 0; i < fractions.length; i++) {
            int size = (int) (i == fractions.length - 1 ? rows - nextId + 1 : Math.round(rows * fractions[i]));
            long[] ids = new long[size];
            String[] names = new String[size];
            long[] quantities = new long[size];
            for (int row = 0; row < size; row++) {
                long id = nextId + row;
                ids[row] = id;
                names[row] = "customer" + (1 + Math.floorMod(mix(id, 2), customers));
                quantities[row] = 1 + Math.floorMod(mix(id, 4), 20L);
            }
            nextId += size;
            List<ColumnVector> columns = List.of(new LongVector(ids, null, size), new StringVector(names, size), new LongVector(quantities, null, size));
            Path file = directory.resolve("segment-" + i);
            SegmentFiles.write(file, columns, size);
            Segment segment = SegmentFiles.read(file, i, 0, i + 1, TYPES);
            Files.delete(file);
            slices.add(new SegmentSlice(segment, null));
        }
        Files.delete(directory);
        System.gc();
        return slices;
    }

    /** The benchmark data's mixer (SplitMix64's finalizer), so the values are the benchmark's. */
    private static long mix(long id, long column)
    {
        long z = id * 0x9E3779B97F4A7C15L + column * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
