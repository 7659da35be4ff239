using System.Net;
using BenchmarkDotNet.Attributes;
using Pinterest.Sdk.Benchmarks.Candidates;
using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>GET audience_insights: small, medium and large bodies, every candidate on the same canned handler.</summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class InsightsBenchmarks
{
    private CandidateSet _candidates = null!;

    [Params("small", "medium", "large")]
    public string Payload { get; set; } = "small";

    [GlobalSetup]
    public void Setup() => _candidates = new CandidateSet(new CannedHandler(HttpStatusCode.OK, Payloads.For(Payload)) { RequestId = Payloads.RequestId });

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft)")]
    public Task<int> HandWritten() => _candidates.HandWritten.InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "HandWritten (Newtonsoft, plain fields)")]
    public Task<int> HandWrittenPlain() => _candidates.HandWritten.InsightsPlainAsync(Api.AdAccountId);

    [Benchmark(Description = "Pinterest.Sdk")]
    public Task<int> Sdk() => _candidates.Sdk.InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "HandWritten (System.Text.Json)")]
    public Task<int> SystemTextJson() => _candidates.SystemTextJson.InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "Refit")]
    public Task<int> Refit() => _candidates.Refit.InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "RestSharp")]
    public Task<int> RestSharp() => _candidates.RestSharp.InsightsAsync(Api.AdAccountId);
}

/// <summary>GET insights/audiences: a small body.</summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ScopeAndTypeBenchmarks
{
    private CandidateSet _candidates = null!;

    [GlobalSetup]
    public void Setup() => _candidates = new CandidateSet(new CannedHandler(HttpStatusCode.OK, Payloads.ScopeAndType) { RequestId = Payloads.RequestId });

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft)")]
    public Task<int> HandWritten() => _candidates.HandWritten.ScopeAndTypeAsync(Api.AdAccountId);

    [Benchmark(Description = "Pinterest.Sdk")]
    public Task<int> Sdk() => _candidates.Sdk.ScopeAndTypeAsync(Api.AdAccountId);

    [Benchmark(Description = "HandWritten (System.Text.Json)")]
    public Task<int> SystemTextJson() => _candidates.SystemTextJson.ScopeAndTypeAsync(Api.AdAccountId);

    [Benchmark(Description = "Refit")]
    public Task<int> Refit() => _candidates.Refit.ScopeAndTypeAsync(Api.AdAccountId);

    [Benchmark(Description = "RestSharp")]
    public Task<int> RestSharp() => _candidates.RestSharp.ScopeAndTypeAsync(Api.AdAccountId);
}

/// <summary>The error path: a 404 with Pinterest's error body, surfaced as each candidate's failure.</summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class NotFoundBenchmarks
{
    private CandidateSet _candidates = null!;

    [GlobalSetup]
    public void Setup() => _candidates = new CandidateSet(new CannedHandler(HttpStatusCode.NotFound, Payloads.NotFound) { RequestId = Payloads.RequestId });

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft)")]
    public Task<int> HandWritten() => Failure(_candidates.HandWritten);

    [Benchmark(Description = "Pinterest.Sdk")]
    public Task<int> Sdk() => Failure(_candidates.Sdk);

    [Benchmark(Description = "HandWritten (System.Text.Json)")]
    public Task<int> SystemTextJson() => Failure(_candidates.SystemTextJson);

    [Benchmark(Description = "Refit")]
    public Task<int> Refit() => Failure(_candidates.Refit);

    [Benchmark(Description = "RestSharp")]
    public Task<int> RestSharp() => Failure(_candidates.RestSharp);

    private static async Task<int> Failure(ICandidate candidate)
    {
        try
        {
            return await candidate.ScopeAndTypeAsync(Api.AdAccountId);
        }
        catch (Exception e)
        {
            return e.Message.Length;
        }
    }
}

/// <summary>All candidates over one handler.</summary>
public sealed class CandidateSet(HttpMessageHandler handler)
{
    public HandWrittenNewtonsoft HandWritten { get; } = new(handler);
    public ICandidate Sdk { get; } = new SdkCandidate(handler);
    public ICandidate SystemTextJson { get; } = new HandWrittenSystemTextJson(handler);
    public ICandidate Refit { get; } = new RefitCandidate(handler);
    public ICandidate RestSharp { get; } = new RestSharpCandidate(handler);
}

/// <summary>
/// What the SDK's metrics cost a call: with the <c>Pinterest.Sdk</c> meter present and nobody listening
/// (every call, in every benchmark above), and with a <see cref="System.Diagnostics.Metrics.MeterListener"/>
/// taking every instrument's measurements, as an OpenTelemetry collector would.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private CandidateSet _candidates = null!;
    private System.Diagnostics.Metrics.MeterListener? _listener;
    private long _measurements;

    [Params("small", "large")]
    public string Payload { get; set; } = "small";

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _candidates = new CandidateSet(new CannedHandler(HttpStatusCode.OK, Payloads.For(Payload)) { RequestId = Payloads.RequestId });
        if (!Listening)
            return;
        _listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PinterestSdkDiagnostics.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    [Benchmark(Baseline = true, Description = "HandWritten (Newtonsoft)")]
    public Task<int> HandWritten() => _candidates.HandWritten.InsightsAsync(Api.AdAccountId);

    [Benchmark(Description = "Pinterest.Sdk")]
    public Task<int> Sdk() => _candidates.Sdk.InsightsAsync(Api.AdAccountId);
}
