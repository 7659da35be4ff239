using System.Diagnostics;

namespace Pinterest.Sdk;

/// <summary>
/// Names to subscribe to for the SDK's traces and metrics. With OpenTelemetry:
/// <c>builder.WithTracing(t =&gt; t.AddSource(PinterestSdkDiagnostics.ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(PinterestSdkDiagnostics.MeterName))</c>.
/// Logs go to the <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> in
/// <see cref="PinterestClientOptions.LoggerFactory"/>, category <c>Pinterest.Sdk.AudienceInsightsClient</c>.
/// </summary>
public static class PinterestSdkDiagnostics
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: one client span per call.</summary>
    public const string ActivitySourceName = "Pinterest.Sdk";

    /// <summary>The name of the SDK's <see cref="System.Diagnostics.Metrics.Meter"/>: call durations, retries, throttling, rate limits, token renewals, bulk runs (the README lists the instruments).</summary>
    public const string MeterName = "Pinterest.Sdk";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, SdkUserAgent.SdkVersion);
}
