package io.sluice.storage.exec;

import io.sluice.storage.segment.ColumnZoneMap;
import io.sluice.storage.table.SegmentSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Splits a scan into contiguous partitions of pages and runs them on a small shared pool, the calling thread taking
 * the first. A partition no pool thread has started when the caller gets to it is run by the caller, so a busy pool
 * never makes a query slower than a sequential scan. Partitions depend only on the data, and their results are
 * merged in partition order, so results are the same from run to run.
 */
final class ParallelScan
{
    /** Below this many pages per partition, splitting costs more than it gains. */
    static final int MINIMUM_PAGES_PER_PARTITION = 64;

    static final int DEFAULT_PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService POOL = createPool(Math.max(1, DEFAULT_PARALLELISM - 1));

    private ParallelScan() {}

    private static ExecutorService createPool(int threads)
    {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sluice-scan-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The scan's pages as at most {@code parallelism} partitions of about equal page counts. */
    static List<List<WorkUnit>> partitions(List<SegmentSlice> slices, int parallelism, int minimumPagesPerPartition)
    {
        long totalPages = 0;
        for (SegmentSlice slice : slices) {
            totalPages += ColumnZoneMap.pageCount(slice.segment().rowCount());
        }
        int partitionCount = (int) Math.max(1, Math.min(parallelism, totalPages / Math.max(1, minimumPagesPerPartition)));
        long pagesPerPartition = (totalPages + partitionCount - 1) / partitionCount;
        List<List<WorkUnit>> partitions = new ArrayList<>();
        List<WorkUnit> current = new ArrayList<>();
        long currentPages = 0;
        for (int sliceIndex = 0; sliceIndex < slices.size(); sliceIndex++) {
            int pages = ColumnZoneMap.pageCount(slices.get(sliceIndex).segment().rowCount());
            int firstPage = 0;
            while (firstPage < pages) {
                boolean last = partitions.size() == partitionCount - 1;
                int take = (int) Math.min(pages - firstPage, last ? Long.MAX_VALUE : pagesPerPartition - currentPages);
                current.add(new WorkUnit(sliceIndex, firstPage, firstPage + take));
                firstPage += take;
                currentPages += take;
                if (!last && currentPages == pagesPerPartition) {
                    partitions.add(current);
                    current = new ArrayList<>();
                    currentPages = 0;
                }
            }
        }
        partitions.add(current);
        return partitions;
    }

    /** Runs {@code work} for partitions {@code 0..partitionCount-1} and returns the results in partition order. */
    static <T> List<T> run(int partitionCount, IntFunction<T> work)
    {
        if (partitionCount == 1) {
            return List.of(work.apply(0));
        }
        List<Task<T>> tasks = new ArrayList<>();
        for (int partition = 0; partition < partitionCount; partition++) {
            int index = partition;
            tasks.add(new Task<>(() -> work.apply(index)));
        }
        for (Task<T> task : tasks.subList(1, tasks.size())) {
            try {
                POOL.execute(task);
            }
            catch (RejectedExecutionException e) {
                // The caller runs it below.
            }
        }
        for (Task<T> task : tasks) {
            task.run();
        }
        List<T> results = new ArrayList<>(tasks.size());
        for (Task<T> task : tasks) {
            try {
                results.add(task.result.join());
            }
            catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return results;
    }

    /** Runs at most once, on whichever thread claims it first. */
    private static final class Task<T>
            implements Runnable
    {
        private final Supplier<T> work;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<T> result = new CompletableFuture<>();

        private Task(Supplier<T> work)
        {
            this.work = work;
        }

        @Override
        public void run()
        {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(work.get());
            }
            catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }
    }
}
