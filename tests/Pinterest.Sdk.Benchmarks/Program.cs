using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// "stress" runs the bulk operation against the stub instead (BulkStress.cs); "history" times the
// audience history store (HistoryStoreBench.cs); "fleet" and "redis-turn" time one budget for a fleet
// (FleetBench.cs).
if (args is ["stress", ..])
    return await Pinterest.Sdk.Benchmarks.BulkStress.RunAsync(args);
if (args is ["history", ..])
    return await Pinterest.Sdk.Benchmarks.HistoryStoreBench.RunAsync(args);
if (args is ["fleet", ..])
    return await Pinterest.Sdk.Benchmarks.FleetBench.RunFleetAsync(args);
if (args is ["redis-turn", ..])
    return await Pinterest.Sdk.Benchmarks.FleetBench.RunTurnAsync(args);

// build/bench runs every benchmark with the job its class names (ShortRunConfig, ColdStartConfig);
// BenchmarkDotNet arguments (--filter, --job, ...) narrow or replace it.
var config = DefaultConfig.Instance
    .HideColumns(Column.Error, Column.StdDev, Column.RatioSD, Column.Gen0, Column.Gen1, Column.Gen2, Column.Median)
    .WithOption(ConfigOptions.JoinSummary, false);

BenchmarkSwitcher.FromAssembly(typeof(Pinterest.Sdk.Benchmarks.Payloads).Assembly).Run(args, config);
return 0;
