package io.sluice.bench;

/**
 * One benchmark: measures Sluice and its peer side by side in the same run and adds result lines to the report.
 */
interface Benchmark
{
    String name();

    /** How the figures are measured, one sentence for BENCHMARKS.md. */
    String method();

    void run(BenchContext context)
            throws Exception;
}
