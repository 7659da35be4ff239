using Polly;
using Polly.Retry;

namespace Pinterest.Sdk;

// Retries: both operations are idempotent GETs, so transient failures are retried with exponential
// backoff and jitter (Polly), and a Retry-After from Pinterest wins over the computed delay.
// SendAsync (.Pipeline.cs) enters the pipeline only after a first attempt has failed.
public partial class AudienceInsightsClient
{
    private static ResiliencePipeline BuildRetryPipeline(ValidatedOptions options)
    {
        if (options.MaxRetries == 0)
            return ResiliencePipeline.Empty;

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult((args.Outcome.Exception as PinterestApiException)?.RetryAfter),
                OnRetry = args =>
                {
                    LogRetry(options.Logger, args);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether a failed attempt is worth repeating: no response at all, or a status that says "try
    /// again" (408, 429, 500, 502, 503, 504) with no <c>Retry-After</c> longer than the caller allows.
    /// </summary>
    private static bool IsRetryable(Exception failure, TimeSpan maxRetryAfter) => failure switch
    {
        PinterestNetworkException => true,
        PinterestApiException { StatusCode: 408 or 429 or 500 or 502 or 503 or 504 } api => api.RetryAfter is not { } wait || wait <= maxRetryAfter,
        _ => false,
    };
}
