package io.sluice.storage.exec;

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
 * Runs independent parts of one piece of work (a scan's partitions, a commit's segments) on a small shared pool, the
 * calling thread taking the first. A part no pool thread has started when the caller gets to it is run by the
 * caller, so a busy pool never makes the work slower than running it alone.
 */
public final class ParallelWork
{
    public static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService POOL = createPool(Math.max(1, PARALLELISM - 1));

    private ParallelWork() {}

    private static ExecutorService createPool(int threads)
    {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sluice-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} for parts {@code 0..partitionCount-1} and returns the results in order; the first failure is thrown once all parts ended. */
    public static <T> List<T> run(int partitionCount, IntFunction<T> work)
    {
        if (partitionCount <= 1) {
            return partitionCount == 0 ? List.of() : List.of(work.apply(0));
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
        // Every partition ends before this returns or throws: none still runs (or writes) behind a caller's failure.
        List<T> results = new ArrayList<>(tasks.size());
        Throwable failure = null;
        for (Task<T> task : tasks) {
            try {
                results.add(task.result.join());
            }
            catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() == null ? e : e.getCause();
                }
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new CompletionException(failure);
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
