using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Pinterest.Sdk.Benchmarks.Candidates;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// The first call in a fresh process (JIT, serializer contracts, client construction): each launch
/// is a new process that makes one call on the medium payload.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class FirstCallBenchmarks
{
    private readonly CannedHandler _handler = new(HttpStatusCode.OK, Payloads.Medium);

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft), first call")]
    public Task<int> HandWritten() => new HandWrittenNewtonsoft(_handler).InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "Pinterest.Sdk, first call")]
    public Task<int> Sdk() => new SdkCandidate(_handler).InsightsAsync(Api.AdAccountId);
}
