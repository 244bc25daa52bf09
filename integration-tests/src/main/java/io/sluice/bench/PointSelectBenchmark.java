package io.sluice.bench;

final class PointSelectBenchmark
        implements Benchmark
{
    @Override
    public String name()
    {
        return "point";
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
