using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Running;

// build/bench runs every benchmark with this short configuration; BenchmarkDotNet arguments
// (--filter, --job, ...) narrow or replace it.
var config = DefaultConfig.Instance
    // Dynamic PGO optimises each process a little differently (10-40% apart on the large payload
    // here); with it off, every candidate runs fully optimised code and runs agree.
    .AddJob(Job.Default.WithLaunchCount(2).WithWarmupCount(3).WithIterationCount(8)
        .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredPGO", "0")).AsDefault())
    .HideColumns(Column.Error, Column.StdDev, Column.RatioSD, Column.Gen0, Column.Gen1, Column.Gen2, Column.Median)
    .WithOption(ConfigOptions.JoinSummary, false);

BenchmarkSwitcher.FromAssembly(typeof(Pinterest.Sdk.Benchmarks.Payloads).Assembly).Run(args, config);
