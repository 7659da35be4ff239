using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="AudienceInsightsClient"/>: where to send requests, how to authenticate,
/// and how long to wait. The client copies these values when it is constructed; changing the
/// object afterwards does not affect a client that already exists.
/// </summary>
/// <remarks>
/// Set exactly one of <see cref="AccessToken"/>, <see cref="AccessTokenProvider"/> and <see cref="Credential"/>.
/// Those, and the logger factory and clock, are left out when the options are serialized (by a
/// structured logger, for example), so no secret travels that way.
/// </remarks>
public sealed class PinterestClientOptions
{
    /// <summary>The production base URL of the Pinterest REST API v5.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.pinterest.com/v5/");

    /// <summary>
    /// Pinterest's sandbox. It does not serve the Audience Insights operations (the spec marks them
    /// <c>x-sandbox: disabled</c>): with this <see cref="BaseUrl"/> they fail before sending with a
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    public static readonly Uri SandboxBaseUrl = new("https://api-sandbox.pinterest.com/v5/");

    /// <summary>
    /// Whether <paramref name="baseUrl"/> is Pinterest's sandbox, by host however it is spelled: any case,
    /// a trailing dot (the same host to DNS), any port.
    /// </summary>
    internal static bool IsSandbox(Uri baseUrl) =>
        baseUrl.IdnHost.TrimEnd('.').Equals(SandboxBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>The default for <see cref="Timeout"/>: 100 seconds, as <see cref="HttpClient"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The default for <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The largest value <see cref="MaxRetries"/> accepts.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>
    /// A fixed OAuth access token, sent as <c>Authorization: Bearer</c> on every request.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public string? AccessToken { get; set; }

    /// <summary>
    /// Returns the access token to use; asked once per request, so rotated or refreshed tokens
    /// take effect on the next call. Use it instead of <see cref="AccessToken"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// Supplies access tokens and renews them when Pinterest rejects one, for example a
    /// <see cref="PinterestRefreshTokenCredential"/>. Use it instead of <see cref="AccessToken"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public PinterestCredential? Credential { get; set; }

    /// <summary>
    /// The absolute base URL of the API; default <see cref="DefaultBaseUrl"/>. Plain <c>http</c> is
    /// accepted only for loopback hosts (a local stub), so a token is never sent in clear text.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// How many times a failed call is retried after the first attempt (0 to
    /// <see cref="MaxRetriesLimit"/>; default <see cref="DefaultMaxRetries"/>).
    /// </summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>
    /// The first backoff delay before a retry; each further retry doubles it, with random jitter,
    /// up to <see cref="MaxRetryDelay"/>. Default 0.8 seconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The longest computed backoff delay between two attempts. Default 60 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest <c>Retry-After</c> the SDK waits for by itself. A response asking for longer is not
    /// retried: its exception is thrown at once with <see cref="PinterestApiException.RetryAfter"/> set,
    /// so the caller can reschedule. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one attempt may take: getting a token when the credential needs one, sending, a 401's
    /// token renewal and resend, and reading the last byte of the response; default <see cref="DefaultTimeout"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// How long a call may take in all, across attempts and the waits between them; default
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> (bounded by <see cref="Timeout"/> and the retry settings).
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>The default for <see cref="MaxResponseBodySize"/>: 64 MiB.</summary>
    public const long DefaultMaxResponseBodySize = 64L * 1024 * 1024;

    /// <summary>
    /// The largest successful response body the client reads, in bytes; a larger one fails the call
    /// with a <see cref="PinterestApiException"/> that names this setting. Default
    /// <see cref="DefaultMaxResponseBodySize"/> (the largest real insights bodies are a few MB);
    /// at most <see cref="Array.MaxLength"/>.
    /// </summary>
    public long MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>The clock for timeouts and retry delays; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where the SDK logs requests, retries and failures (category <c>Pinterest.Sdk.AudienceInsightsClient</c>);
    /// default none. Log events never contain the access token.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the SDK's metrics (meter <see cref="PinterestSdkDiagnostics.MeterName"/>) are created;
    /// default none: a meter of the SDK's own, which OpenTelemetry's <c>AddMeter("Pinterest.Sdk")</c>
    /// collects all the same. <c>AddPinterestSdk</c> sets the container's.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Where the credential's rate-limit budget is kept so that several processes calling with one
    /// token (replicas of a web app, a pool of workers) take their turns from one budget; default none:
    /// each process keeps its own, in memory, and Pinterest's <c>X-RateLimit-Remaining</c> is all that
    /// ties them together. <c>Pinterest.Sdk.Extensions.Redis</c> provides one over Redis. A store that
    /// fails never fails a call: the call takes its turn from the process's own budget. Only credentials
    /// with a <see cref="PinterestCredential.RateLimitBudgetName"/> use it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public IRateLimitBudgetStore? RateLimitBudgetStore { get; set; }

    /// <summary>Describes the options without revealing the access token.</summary>
    /// <returns>A description such as <c>BaseUrl=https://api.pinterest.com/v5/, AccessToken=***</c>.</returns>
    public override string ToString()
    {
        var token = AccessToken is null ? "(none)" : "***";
        var provider = AccessTokenProvider is null ? "(none)" : "set";
        var credential = Credential is null ? "(none)" : Credential.GetType().Name;
        return $"BaseUrl={SecureUrl.Redacted(BaseUrl)}, AccessToken={token}, AccessTokenProvider={provider}, Credential={credential}, MaxRetries={MaxRetries}, Timeout={Timeout}, TotalTimeout={TotalTimeout}, MaxResponseBodySize={MaxResponseBodySize}";
    }

    /// <summary>Checks the options and returns the validated copy a client keeps.</summary>
    internal ValidatedOptions Validate()
    {
        const string Name = "options";
        var sources = (AccessToken is null ? 0 : 1) + (AccessTokenProvider is null ? 0 : 1) + (Credential is null ? 0 : 1);
        if (sources == 0)
            throw new ArgumentException("Set PinterestClientOptions.AccessToken, PinterestClientOptions.AccessTokenProvider or PinterestClientOptions.Credential.", Name);
        if (sources > 1)
            throw new ArgumentException("Set only one of PinterestClientOptions.AccessToken, PinterestClientOptions.AccessTokenProvider and PinterestClientOptions.Credential.", Name);
        if (AccessToken is not null && BearerToken.Problem(AccessToken, "PinterestClientOptions.AccessToken") is { } badToken)
            throw new ArgumentException(badToken, Name);
        if (SecureUrl.Problem(BaseUrl, "PinterestClientOptions.BaseUrl", "the access token") is { } badUrl)
            throw new ArgumentException(badUrl, Name);
        if (MaxRetries is < 0 or > MaxRetriesLimit)
            throw new ArgumentException($"PinterestClientOptions.MaxRetries must be between 0 and {MaxRetriesLimit}; it is {MaxRetries}.", Name);
        TimeoutScope.Check(Timeout, "PinterestClientOptions.Timeout", Name);
        TimeoutScope.Check(TotalTimeout, "PinterestClientOptions.TotalTimeout", Name);
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            throw new ArgumentException($"PinterestClientOptions.RetryDelay must be zero or more and at most MaxRetryDelay; they are {RetryDelay} and {MaxRetryDelay}.", Name);
        if (MaxRetryAfter < TimeSpan.Zero)
            throw new ArgumentException($"PinterestClientOptions.MaxRetryAfter must be zero or more; it is {MaxRetryAfter}.", Name);
        if (TimeProvider is null)
            throw new ArgumentException("PinterestClientOptions.TimeProvider must not be null.", Name);
        if (MaxResponseBodySize < 1 || MaxResponseBodySize >= Array.MaxLength)
            throw new ArgumentException($"PinterestClientOptions.MaxResponseBodySize must be between 1 and {Array.MaxLength - 1} bytes; it is {MaxResponseBodySize}.", Name);

        var baseUrl = ApiUrls.AsBase(BaseUrl);
        var credential = Credential ?? TokenCredential();
        var logger = (LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pinterest.Sdk.AudienceInsightsClient");
        var retry = RetryPolicy.Create(MaxRetries, RetryDelay, MaxRetryDelay, MaxRetryAfter, TotalTimeout, TimeProvider);
        var metrics = Metrics();
        return new ValidatedOptions(baseUrl, credential, MaxRetries, MaxRetryAfter, Timeout, TotalTimeout, MaxResponseBodySize, TimeProvider, logger, metrics, retry)
        {
            SharedBudget = SharedBudgetOf(logger, metrics),
        };
    }

    // The instruments made on MeterFactory's meter, kept while it stays the same: every client made
    // from these options records on one set (a new set per client would repeat each series).
    private MetricsOf? _metrics;

    private SdkMetrics Metrics()
    {
        if (MeterFactory is not { } factory)
            return SdkMetrics.Shared;
        if (Volatile.Read(ref _metrics) is { } kept && ReferenceEquals(kept.Factory, factory))
            return kept.Metrics;
        var made = new MetricsOf(factory, SdkMetrics.For(factory));
        Volatile.Write(ref _metrics, made);
        return made.Metrics;
    }

    // The store's outage state (logged once per outage, rested after a failure), kept while the store stays the same.
    private SharedBudget? _sharedBudget;

    private SharedBudget? SharedBudgetOf(ILogger logger, SdkMetrics metrics)
    {
        if (RateLimitBudgetStore is not { } store)
            return null;
        if (Volatile.Read(ref _sharedBudget) is { } kept && ReferenceEquals(kept.Store, store))
            return kept;
        var made = new SharedBudget(store, TimeProvider, logger, metrics);
        Volatile.Write(ref _sharedBudget, made);
        return made;
    }

    private sealed record MetricsOf(System.Diagnostics.Metrics.IMeterFactory Factory, SdkMetrics Metrics);

    // The credential (and so the rate-limit budget) of AccessToken or AccessTokenProvider: PinterestCredential.Keep.
    private PinterestCredential? _tokenCredential;

    private PinterestCredential TokenCredential() => PinterestCredential.Keep(ref _tokenCredential, AccessToken, AccessTokenProvider);
}

/// <summary>The immutable copy of <see cref="PinterestClientOptions"/> a client works with, with its retry pipeline.</summary>
internal sealed record ValidatedOptions(
    Uri BaseUrl,
    PinterestCredential Credential,
    int MaxRetries,
    TimeSpan MaxRetryAfter,
    TimeSpan Timeout,
    TimeSpan TotalTimeout,
    long MaxResponseBodySize,
    TimeProvider TimeProvider,
    ILogger Logger,
    SdkMetrics Metrics,
    Polly.ResiliencePipeline Retry)
{
    /// <summary>The shared rate-limit budget store (<see cref="PinterestClientOptions.RateLimitBudgetStore"/>), or null.</summary>
    public SharedBudget? SharedBudget { get; init; }

    // A record's generated ToString would print every member, and a custom credential's
    // ToString may not be as careful as the SDK's own.
    public override string ToString() => $"BaseUrl={BaseUrl}, MaxRetries={MaxRetries}, Timeout={Timeout}, TotalTimeout={TotalTimeout}";
}
