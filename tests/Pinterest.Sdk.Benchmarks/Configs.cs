using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// The per-call benchmarks: two processes, three warmup and eight measured iterations. Dynamic PGO
/// optimises each process a little differently (10-40% apart on the large payload here); with it
/// off, every candidate runs fully optimised code and runs agree.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig() =>
        AddJob(Job.Default.WithLaunchCount(2).WithWarmupCount(3).WithIterationCount(8).WithEnvironmentVariables(NoDynamicPgo));

    internal static readonly EnvironmentVariable NoDynamicPgo = new("DOTNET_TieredPGO", "0");
}

/// <summary>
/// One invocation per process, fifteen processes: what the first call of an application costs
/// (assembly loading, JIT, serializer contracts, client construction).
/// </summary>
public sealed class ColdStartConfig : ManualConfig
{
    public ColdStartConfig() =>
        AddJob(Job.Dry.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(15).WithWarmupCount(0).WithIterationCount(1)
            .WithEnvironmentVariables(ShortRunConfig.NoDynamicPgo));
}
