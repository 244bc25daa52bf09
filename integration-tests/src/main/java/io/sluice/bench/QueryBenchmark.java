package io.sluice.bench;

final class QueryBenchmark
        implements Benchmark
{
    @Override
    public String name()
    {
        return "query";
    }

    @Override
    public String method()
    {
        return "";
    }

    @Override
    public void run(BenchContext context)
    {
        throw new IllegalStateException("being written");
    }
}
