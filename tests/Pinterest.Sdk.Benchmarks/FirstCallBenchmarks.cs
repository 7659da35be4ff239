using System.Net;
using BenchmarkDotNet.Attributes;
using Pinterest.Sdk.Benchmarks.Candidates;
using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// The first call in a fresh process (JIT, serializer contracts, client construction): each launch
/// is a new process that makes exactly one call on the medium payload.
/// </summary>
[Config(typeof(ColdStartConfig))]
[MemoryDiagnoser]
public class FirstCallBenchmarks
{
    private readonly CannedHandler _handler = new(HttpStatusCode.OK, Payloads.Medium) { RequestId = Payloads.RequestId };

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft), first call")]
    public Task<int> HandWritten() => new HandWrittenNewtonsoft(_handler).InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "Pinterest.Sdk, first call")]
    public Task<int> Sdk() => new SdkCandidate(_handler).InsightsAsync(Api.AdAccountId);
}

