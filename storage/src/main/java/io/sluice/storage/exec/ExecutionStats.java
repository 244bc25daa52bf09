package io.sluice.storage.exec;

/**
 * Counters of a scan, for tests to check that pruning happened. Not thread-safe: each scan thread keeps its own and
 * the executor adds them up.
 */
final class ExecutionStats
{
    private long pagesScanned;
    private long pagesSkipped;

    void pageScanned()
    {
        pagesScanned++;
    }

    void pagesSkipped(long pages)
    {
        pagesSkipped += pages;
    }

    void add(ExecutionStats other)
    {
        pagesScanned += other.pagesScanned;
        pagesSkipped += other.pagesSkipped;
    }

    /** Pages whose rows were read (at least one column was touched row by row, or the range handed over). */
    long pagesScanned()
    {
        return pagesScanned;
    }

    /** Pages skipped from zone maps, delete bitmaps or a top-N bound without reading rows. */
    long pagesSkipped()
    {
        return pagesSkipped;
    }
}
