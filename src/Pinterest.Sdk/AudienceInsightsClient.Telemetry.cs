using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Pinterest.Sdk;

// Telemetry: one client span per call on the "Pinterest.Sdk" ActivitySource, with OpenTelemetry's
// HTTP client attributes, and log events per attempt, retry and failure. With no listener and no
// logger, a call pays a null check and a flag check.
public partial class AudienceInsightsClient
{
    private static readonly ResiliencePropertyKey<Call> CallKey = new("Pinterest.Sdk.Call");

    /// <summary>What one call knows about itself, for retries, logs and traces.</summary>
    private sealed class Call(HttpMethod method, Uri url, string route, Activity? activity, long startedAt)
    {
        public HttpMethod Method { get; } = method;
        public Uri Url { get; } = url;
        public string Route { get; } = route;
        public Activity? Activity { get; } = activity;
        public long StartedAt { get; } = startedAt;
        public int Attempts { get; set; }
        public string? SentToken { get; set; }
        public bool RenewedToken { get; set; }

        /// <summary>The first attempt's failure, until the retry pipeline has been handed it.</summary>
        public Exception? FirstFailure { get; set; }

        public Exception? TakeFirstFailure()
        {
            var failure = FirstFailure;
            FirstFailure = null;
            return failure;
        }
    }

    private Call StartCall(HttpMethod method, Uri url, string route)
    {
        var activity = PinterestSdkDiagnostics.ActivitySource.StartActivity($"{method.Method} {route}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method.Method);
            activity.SetTag("url.template", route);
            activity.SetTag("url.full", url.AbsoluteUri);
            activity.SetTag("server.address", url.Host);
            activity.SetTag("server.port", url.Port);
        }
        return new Call(method, url, route, activity, _options.TimeProvider.GetTimestamp());
    }

    private void RecordResponse(Call call, HttpResponseMessage response, TimeSpan elapsed)
    {
        var status = (int)response.StatusCode;
        var traced = call.Activity is { IsAllDataRequested: true };
        if (!traced && !_options.Logger.IsEnabled(LogLevel.Information))
            return;
        var requestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        Log.Received(_options.Logger, call.Method.Method, call.Route, status, elapsed.TotalMilliseconds, call.Attempts, requestId);
        if (traced && call.Activity is { } activity)
        {
            activity.SetTag("http.response.status_code", status);
            if (call.Attempts > 1)
                activity.SetTag("http.request.resend_count", call.Attempts - 1);
            if (requestId is not null)
                activity.SetTag("pinterest.request_id", requestId);
        }
    }

    private void RecordFailure(Call call, Exception failure)
    {
        if (failure is PinterestApiException api)
        {
            var elapsed = _options.TimeProvider.GetElapsedTime(call.StartedAt);
            Log.Failed(_options.Logger, call.Method.Method, call.Route, call.Attempts, elapsed.TotalMilliseconds,
                Describe(api), api.StatusCode, api.ErrorCode, api.RequestId);
        }
        if (call.Activity is { } activity)
        {
            // error.type: the status code when there was one, else the exception's type (OpenTelemetry's convention).
            activity.SetTag("error.type", failure is PinterestApiException { StatusCode: > 0 } e
                ? e.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : failure.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, failure is PinterestApiException ? failure.Message : null);
        }
    }

    private static void LogRetry(ILogger logger, OnRetryArguments<object> args)
    {
        if (args.Context.Properties.TryGetValue(CallKey, out var call))
        {
            var reason = args.Outcome.Exception is PinterestApiException api ? Describe(api) : args.Outcome.Exception?.GetType().Name ?? "unknown";
            Log.Retrying(logger, call.Method.Method, call.Route, reason, call.Attempts, args.RetryDelay.TotalMilliseconds);
        }
    }

    /// <summary>A short reason for logs: the status, or "timeout" / "network" when no response arrived.</summary>
    private static string Describe(PinterestApiException failure) => failure switch
    {
        PinterestNetworkException { IsTimeout: true } => "timeout",
        PinterestNetworkException => "network failure",
        _ => "HTTP " + failure.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
