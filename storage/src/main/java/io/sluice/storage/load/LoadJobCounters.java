package io.sluice.storage.load;

/**
 * Running totals of a load job, persisted with each commit so SHOW ROUTINE LOAD survives restarts.
 */
public record LoadJobCounters(
        long totalRows,
        long loadedRows,
        long errorRows,
        long unselectedRows,
        long receivedBytes,
        long committedTaskCount,
        long abortedTaskCount,
        long taskExecuteTimeMillis)
{
    public static final LoadJobCounters ZERO = new LoadJobCounters(0, 0, 0, 0, 0, 0, 0, 0);

    public LoadJobCounters plus(LoadJobCounters other)
    {
        return new LoadJobCounters(
                totalRows + other.totalRows,
                loadedRows + other.loadedRows,
                errorRows + other.errorRows,
                unselectedRows + other.unselectedRows,
                receivedBytes + other.receivedBytes,
                committedTaskCount + other.committedTaskCount,
                abortedTaskCount + other.abortedTaskCount,
                taskExecuteTimeMillis + other.taskExecuteTimeMillis);
    }
}
