namespace Pinterest.Sdk;

/// <summary>
/// The Pinterest Audience Insights operations: who an ad account's audience is (demographics and
/// interests) and which audiences are available. Depend on this interface to substitute a fake in
/// tests; <see cref="AudienceInsightsClient"/> implements it.
/// </summary>
/// <remarks>The members are generated from the OpenAPI description in <c>openapi/</c>.</remarks>
public partial interface IAudienceInsightsClient
{
    /// <summary>
    /// The rate-limit state of the most recent response that reported one, or <see langword="null"/>
    /// before any did; read it to slow down before Pinterest answers 429.
    /// </summary>
    PinterestRateLimit? RateLimit { get; }
}
