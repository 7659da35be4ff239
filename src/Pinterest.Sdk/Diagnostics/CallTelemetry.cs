using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;

namespace Pinterest.Sdk;

/// <summary>
/// The logs, trace and metrics of one call: a client span on the <c>Pinterest.Sdk</c> ActivitySource with
/// OpenTelemetry's HTTP client attributes, a log event per attempt, response, retry and failure, and
/// the call's duration, retries and throttling on the <c>Pinterest.Sdk</c> meter (<see cref="SdkMetrics"/>).
/// With no listener and no logger, each method is a null check and a flag check. Nothing here sees
/// the access token.
/// </summary>
internal sealed class CallTelemetry(Activity? activity, SdkMetrics metrics, Uri url, ILogger logger, TimeProvider clock, string method, string route) : IDisposable
{
    /// <summary>Where the retry pipeline finds the call's telemetry, to log a retry.</summary>
    public static readonly ResiliencePropertyKey<CallTelemetry> Key = new("Pinterest.Sdk.CallTelemetry");

    private readonly long _startedAt = clock.GetTimestamp();
    private long _attemptStartedAt;
    private int _attempts;
    private int _status;
    private bool _ended;

    /// <summary>The telemetry of an API call.</summary>
    public static CallTelemetry Start(ValidatedOptions options, HttpMethod method, Uri url, string route) =>
        Start(options.Metrics, options.Logger, options.TimeProvider, method, url, route);

    /// <summary>The telemetry of any exchange with Pinterest (an API call, or the token endpoint); <paramref name="url"/> holds no secret.</summary>
    public static CallTelemetry Start(SdkMetrics metrics, ILogger logger, TimeProvider clock, HttpMethod method, Uri url, string route)
    {
        // The span's name is only built when someone listens.
        var activity = PinterestSdkDiagnostics.ActivitySource.HasListeners()
            ? PinterestSdkDiagnostics.ActivitySource.StartActivity($"{method.Method} {route}", ActivityKind.Client)
            : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method.Method);
            activity.SetTag("url.template", route);
            activity.SetTag("url.full", url.AbsoluteUri);
            activity.SetTag("server.address", url.Host);
            activity.SetTag("server.port", url.Port);
        }
        return new CallTelemetry(activity, metrics, url, logger, clock, method.Method, route);
    }

    /// <summary>An attempt (or its resend with a renewed token) is about to go out.</summary>
    public void Sending()
    {
        _attempts++;
        _attemptStartedAt = clock.GetTimestamp();
        if (logger.IsEnabled(LogLevel.Debug))
            Log.Sending(logger, method, route, _attempts);
    }

    /// <summary>A response's headers arrived.</summary>
    public void Received(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        _status = status;
        if (status == 429)
            metrics.Throttled(route, predicted: false);
        var traced = activity is { IsAllDataRequested: true };
        if (!traced && !logger.IsEnabled(LogLevel.Information))
            return;
        var requestId = PinterestRequestId.Of(response.Headers);
        Log.Received(logger, method, route, status, clock.GetElapsedTime(_attemptStartedAt).TotalMilliseconds, _attempts, requestId);
        if (traced)
        {
            activity!.SetTag("http.response.status_code", status);
            if (_attempts > 1)
                activity.SetTag("http.request.resend_count", _attempts - 1);
            if (requestId is not null)
                activity.SetTag("pinterest.request_id", requestId);
        }
    }

    /// <summary>The retry pipeline will try again after <paramref name="delay"/>.</summary>
    public void Retrying(Exception? reason, TimeSpan delay)
    {
        metrics.Retrying(route, reason);
        Log.Retrying(logger, method, route, FailureKind.Describe(reason), _attempts, delay.TotalMilliseconds);
    }

    /// <summary>The call failed for good; <paramref name="failure"/> is what the caller gets.</summary>
    public void Failed(Exception failure)
    {
        if (failure is PinterestRateLimitException { IsPredicted: true })
            metrics.Throttled(route, predicted: true);
        if (!_ended)
        {
            _ended = true;
            metrics.CallEnded(method, route, url, clock.GetElapsedTime(_startedAt), _status, failure);
        }
        if (failure is PinterestApiException api)
        {
            Log.Failed(logger, method, route, _attempts, clock.GetElapsedTime(_startedAt).TotalMilliseconds,
                FailureKind.Describe(api), api.StatusCode, api.ErrorCode, api.RequestId);
        }
        if (activity is not null)
        {
            // error.type: the status code when there was one, else the exception's type (OpenTelemetry's convention).
            activity.SetTag("error.type", FailureKind.Of(failure));
            activity.SetStatus(ActivityStatusCode.Error, failure is PinterestApiException ? failure.Message : null);
        }
    }

    /// <summary>Ends the span; a call that did not fail is recorded as a success.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            metrics.CallEnded(method, route, url, clock.GetElapsedTime(_startedAt), _status, null);
        }
        activity?.Dispose();
    }
}
