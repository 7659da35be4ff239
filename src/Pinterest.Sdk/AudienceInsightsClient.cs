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
/// The operations are generated at build time from <c>openapi/</c> and end in the send path
/// (<c>AudienceInsightsClient.Send.cs</c>); <c>docs/architecture.md</c> tells its story.
/// </remarks>
public partial class AudienceInsightsClient
{
    private readonly HttpClient _httpClient = null!;
    private readonly ValidatedOptions _options = null!;
    private PinterestRateLimit? _rateLimit;

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
        : this(httpClient, (options ?? throw new ArgumentNullException(nameof(options))).Validate())
    {
    }

    /// <summary>
    /// Creates a client from options already checked, with their retry pipeline built: the
    /// dependency-injection package makes a client per resolution and validates each options object once.
    /// </summary>
    internal AudienceInsightsClient(HttpClient httpClient, ValidatedOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = options;
    }

    /// <summary>For mocking frameworks only: a client made this way cannot send requests.</summary>
    protected AudienceInsightsClient()
    {
    }

    /// <summary>
    /// The rate-limit state of the most recent response that reported one (successful or not), or
    /// <see langword="null"/> before any did. Pinterest counts per user and endpoint group, so this is
    /// shared by every call made through this client.
    /// </summary>
    public virtual PinterestRateLimit? RateLimit => Volatile.Read(ref _rateLimit);
}
