package io.sluice.storage.exec;

/**
 * How the end of a query (merging dictionaries, looking merged values up, filling the groups) splits its work
 * across threads: into {@code threads} parts once it has {@code minimumValues} values, on the calling thread below.
 */
record MergeParallelism(int threads, int minimumValues)
{
    /** About a hundred thousand values take long enough to be worth a second thread. */
    static final MergeParallelism DEFAULT = new MergeParallelism(ParallelWork.PARALLELISM, 1 << 17);

    MergeParallelism
    {
        if (threads < 1 || minimumValues < 0) {
            throw new IllegalArgumentException("bad merge parallelism: " + threads + " threads from " + minimumValues + " values");
        }
    }

    /** Into how many parts to split work on {@code values} values. */
    int partsFor(long values)
    {
        return values >= minimumValues ? threads : 1;
    }
}
