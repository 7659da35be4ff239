using System.Diagnostics;

namespace Pinterest.Sdk;

/// <summary>
/// Names to subscribe to for the SDK's traces. With OpenTelemetry:
/// <c>builder.WithTracing(t =&gt; t.AddSource(PinterestSdkDiagnostics.ActivitySourceName))</c>.
/// Logs go to the <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> in
/// <see cref="PinterestClientOptions.LoggerFactory"/>, category <c>Pinterest.Sdk.AudienceInsightsClient</c>.
/// </summary>
public static class PinterestSdkDiagnostics
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: one client span per call.</summary>
    public const string ActivitySourceName = "Pinterest.Sdk";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, SdkUserAgent.SdkVersion);
}
