package io.sluice.storage.crash;

import io.sluice.storage.Storage;

import java.nio.file.Path;

/**
 * The child JVM of {@link CrashRecoveryTest}: opens the store, finds where each table left off, and runs batches
 * until killed, printing {@code ack <table> <batch>} only after a commit returned (the acknowledgement a client would
 * get). Compaction runs in the background and is also forced every few batches.
 */
public final class CrashWorker
{
    private CrashWorker() {}

    public static void main(String[] args)
    {
        Path directory = Path.of(args[0]);
        long stopAfter = Long.parseLong(args[1]);
        Storage storage = Storage.open(directory);
        CrashWorkload.createTables(storage);
        long duplicate = CrashWorkload.lastDuplicateBatch(storage);
        long aggregate = CrashWorkload.lastAggregateBatch(storage);
        long primary = CrashWorkload.lastPrimaryBatch(storage);
        System.out.println("ready " + duplicate + " " + aggregate + " " + primary);
        System.out.flush();
        for (long round = 0; round < stopAfter; round++) {
            CrashWorkload.writeDuplicate(storage, ++duplicate);
            acknowledge("dup", duplicate);
            CrashWorkload.writeAggregate(storage, ++aggregate);
            acknowledge("agg", aggregate);
            CrashWorkload.writePrimary(storage, ++primary);
            acknowledge("pk", primary);
            if (round % 3 == 2) {
                storage.compactNow();
                System.out.println("compacted");
                System.out.flush();
            }
        }
        storage.close();
        System.out.println("done");
    }

    private static void acknowledge(String table, long batch)
    {
        System.out.println("ack " + table + " " + batch);
        System.out.flush();
    }
}
