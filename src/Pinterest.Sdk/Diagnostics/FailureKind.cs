using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// What went wrong with a call, classified once for every signal that reports it: a span's and a
/// metric's <c>error.type</c>, the retry counter's reason and the log lines. (The tool's export summary
/// words the public exception types, which are the same classification.)
/// </summary>
internal static class FailureKind
{
    /// <summary>
    /// OpenTelemetry's <c>error.type</c>: the status code when Pinterest answered (<c>404</c>), <c>timeout</c>
    /// when no answer came in time (a value the conventions name), else the exception's type.
    /// </summary>
    public static string Of(Exception failure) => failure switch
    {
        PinterestApiException { StatusCode: > 0 } e => e.StatusCode.ToString(CultureInfo.InvariantCulture),
        PinterestNetworkException { IsTimeout: true } => "timeout",
        _ => failure.GetType().FullName!,
    };

    /// <summary>For a log line: <c>HTTP 404</c>, <c>timeout</c>, <c>network failure</c>.</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        null => "unknown",
        PinterestApiException { StatusCode: > 0 } => "HTTP " + Of(failure),
        PinterestNetworkException { IsTimeout: false } => "network failure",
        _ => Of(failure),
    };

    /// <summary>The retry counter's reason, a few values only: <c>429</c>, <c>5xx</c>, another status, or <c>network</c> (timeouts included).</summary>
    public static string RetryReason(Exception? reason) => reason switch
    {
        PinterestApiException { StatusCode: >= 500 } => "5xx",
        PinterestApiException { StatusCode: > 0 } => Of(reason),
        _ => "network",
    };
}
