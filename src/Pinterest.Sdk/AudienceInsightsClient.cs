namespace Pinterest.Sdk;

/// <summary>
/// Calls the Pinterest REST API v5 Audience Insights endpoints. Safe to share across threads; create
/// one per set of options and keep it for the application's lifetime.
/// </summary>
/// <example>
/// <code>
/// var client = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = token });
/// var insights = await client.GetAudienceInsightsAsync("549755885175", AudienceInsightType.YourTotalAudience);
/// </code>
/// </example>
/// <remarks>
/// The operations are generated at build time from <c>openapi/</c>; the partial files beside this one
/// add, one concern each: authentication (<c>.Auth.cs</c>), argument validation (<c>.Validation.cs</c>),
/// sending and timeouts (<c>.Pipeline.cs</c>), retries (<c>.Retries.cs</c>), error mapping (<c>.Errors.cs</c>),
/// JSON (<c>.Serialization.cs</c>), rate limits (<c>.RateLimit.cs</c>) and logs and traces (<c>.Telemetry.cs</c>).
/// </remarks>
public partial class AudienceInsightsClient
{
    private readonly HttpClient _httpClient = null!;
    private readonly ValidatedOptions _options = null!;
    private readonly Prepared _prepared = null!;

    /// <summary>
    /// Creates a client that sends through the SDK's own connection pool, shared by all clients in
    /// the process.
    /// </summary>
    /// <param name="options">Authentication, base URL, retries and timeout.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message says which setting and why.</exception>
    public AudienceInsightsClient(PinterestClientOptions options)
        : this(SharedHttpClient.Instance, options)
    {
    }

    /// <summary>
    /// Creates a client that sends through the caller's <see cref="HttpClient"/> (for example one from
    /// <c>IHttpClientFactory</c>, or one with a proxy). The SDK still applies authentication,
    /// validation, error mapping, retries and its timeout. The caller keeps ownership of
    /// <paramref name="httpClient"/>; its <see cref="HttpClient.BaseAddress"/> is not used.
    /// </summary>
    /// <param name="httpClient">The client to send requests with.</param>
    /// <param name="options">Authentication, base URL, retries and timeout.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message says which setting and why.</exception>
    public AudienceInsightsClient(HttpClient httpClient, PinterestClientOptions options)
        : this(httpClient, Prepare(options))
    {
    }

    /// <summary>
    /// Creates a client from options already checked and turned into a retry pipeline: the
    /// dependency-injection package makes a client per resolution and prepares each options object once.
    /// </summary>
    internal AudienceInsightsClient(HttpClient httpClient, Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = prepared.Options;
        _prepared = prepared;
    }

    /// <summary>Checks <paramref name="options"/>.</summary>
    internal static Prepared Prepare(PinterestClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Prepared(options.Validate());
    }

    /// <summary>
    /// What a client needs from its options, ready to use. The dependency-injection package makes a
    /// client per resolution and prepares each options object once.
    /// </summary>
    internal sealed class Prepared(ValidatedOptions options)
    {
        private Polly.ResiliencePipeline? _retryPipeline;

        public ValidatedOptions Options { get; } = options;

        /// <summary>
        /// Built on the first failure worth retrying: building it costs milliseconds of JIT, which a
        /// process whose calls succeed should not pay. Two threads may both build it once; the
        /// pipeline holds no state, so either copy serves.
        /// </summary>
        public Polly.ResiliencePipeline RetryPipeline => _retryPipeline ??= BuildRetryPipeline(Options);
    }

    /// <summary>For mocking frameworks only: a client made this way cannot send requests.</summary>
    protected AudienceInsightsClient()
    {
    }
}
