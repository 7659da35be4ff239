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
    /// <summary>When the call started (a <see cref="TimeProvider.GetTimestamp"/>), to tell how much of <see cref="PinterestClientOptions.TotalTimeout"/> is left.</summary>
    public static readonly ResiliencePropertyKey<long> CallStartedKey = new("Pinterest.Sdk.CallStarted");

    public static ResiliencePipeline Create(int maxRetries, TimeSpan delay, TimeSpan maxDelay, TimeSpan maxRetryAfter, TimeSpan totalTimeout, TimeProvider clock)
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
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e, maxRetryAfter, TimeLeft(args.Context, totalTimeout, clock))),
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
    /// again" (408, 429, 500, 502, 503, 504), unless it asks for a wait (<c>Retry-After</c>, or a
    /// 429's rate-limit reset) longer than <paramref name="maxRetryAfter"/> or than the call has left:
    /// then the failure is thrown at once, its <see cref="PinterestApiException.RetryAfter"/> telling
    /// the caller when to come back, rather than waited out into a timeout that would hide it.
    /// </summary>
    public static bool ShouldRetry(Exception failure, TimeSpan maxRetryAfter, TimeSpan? timeLeft) => failure switch
    {
        PinterestNetworkException => true,
        PinterestApiException { StatusCode: 408 or 429 or 500 or 502 or 503 or 504 } api =>
            api.RetryAfter is not { } wait || (wait <= maxRetryAfter && (timeLeft is not { } left || wait < left)),
        _ => false,
    };

    private static TimeSpan? TimeLeft(ResilienceContext context, TimeSpan totalTimeout, TimeProvider clock) =>
        totalTimeout != Timeout.InfiniteTimeSpan && context.Properties.TryGetValue(CallStartedKey, out var started)
            ? totalTimeout - clock.GetElapsedTime(started)
            : null;
}
