using Polly;
using Polly.Retry;

namespace Pinterest.Sdk;

/// <summary>
/// Retries (Polly): both operations are idempotent GETs, so an attempt that failed transiently is
/// tried again with exponential backoff and jitter, and a <c>Retry-After</c> from Pinterest wins over
/// the computed delay. One pipeline per options object, built when the options are validated.
/// </summary>
internal static class RetryPolicy
{
    public static ResiliencePipeline Create(int maxRetries, TimeSpan delay, TimeSpan maxDelay, TimeSpan maxRetryAfter, TimeProvider clock)
    {
        if (maxRetries == 0)
            return ResiliencePipeline.Empty;

        return new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e, maxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult((args.Outcome.Exception as PinterestApiException)?.RetryAfter),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallTelemetry.Key, out var telemetry))
                        telemetry.Retrying(args.Outcome.Exception, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether a failed attempt is worth repeating: no response at all, or a status that says "try
    /// again" (408, 429, 500, 502, 503, 504) with no <c>Retry-After</c> longer than the caller allows.
    /// </summary>
    public static bool ShouldRetry(Exception failure, TimeSpan maxRetryAfter) => failure switch
    {
        PinterestNetworkException => true,
        PinterestApiException { StatusCode: 408 or 429 or 500 or 502 or 503 or 504 } api => api.RetryAfter is not { } wait || wait <= maxRetryAfter,
        _ => false,
    };
}
