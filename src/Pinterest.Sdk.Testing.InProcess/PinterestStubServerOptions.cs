namespace Pinterest.Sdk.Testing;

/// <summary>Settings for the stub: <c>PinterestStubServer</c> (Pinterest.Sdk.Testing) and <see cref="PinterestStubHandler"/>.</summary>
public sealed class PinterestStubServerOptions
{
    /// <summary>The default of <see cref="AccessToken"/>.</summary>
    public const string DefaultAccessToken = "pina_sample-access-token";

    /// <summary>The sample ad accounts, the default of <see cref="AdAccountIds"/>: the accounts the <c>pinterest-insights</c> tool shows without a token.</summary>
    public static IReadOnlyList<string> SampleAdAccountIds => SampleAudiences.AdAccountIds;

    /// <summary>The only access token the stub accepts; default <see cref="DefaultAccessToken"/>.</summary>
    public string AccessToken { get; set; } = DefaultAccessToken;

    /// <summary>
    /// The ad accounts the stub knows; any other well-formed id answers 404. Default
    /// <see cref="SampleAdAccountIds"/>. Each id gets its own deterministic audience.
    /// </summary>
    public IReadOnlyList<string> AdAccountIds { get; set; } = SampleAdAccountIds;

    /// <summary>The date the sample insights are "as of"; default yesterday (UTC).</summary>
    public DateOnly? DataDate { get; set; }

    /// <summary>Calls a minute before the stub answers 429 (code 8); default 1,000, Pinterest's Standard <c>ads_read</c> budget.</summary>
    public int CallsPerMinute { get; set; } = 1000;

    /// <summary>
    /// Calls a second before the stub answers 429 (code 8); default none. Pinterest allows 100 a second
    /// per user per app overall.
    /// </summary>
    public int? CallsPerSecond { get; set; }

    /// <summary>Calls a day (UTC) before the stub answers 429 until midnight; default none. Pinterest's Trial access allows 1,000.</summary>
    public int? CallsPerDay { get; set; }

    /// <summary>
    /// Whether <c>X-RateLimit-Limit</c> lists the budget's windows as Pinterest v5 does
    /// (<c>10, 10;w=1, 1000;w=60</c>); default <see langword="true"/>. <see langword="false"/> sends only the
    /// limit of the window closest to running out (<c>10</c>), as some gateways do, so a client must learn
    /// the window from <c>X-RateLimit-Reset</c> alone.
    /// </summary>
    public bool ReportRateLimitPolicies { get; set; } = true;

    /// <summary>The app id <c>POST /v5/oauth/token</c> accepts (HTTP Basic); default <c>sample-app-id</c>.</summary>
    public string ClientId { get; set; } = "sample-app-id";

    /// <summary>The app secret <c>POST /v5/oauth/token</c> accepts (HTTP Basic); default <c>sample-app-secret</c>.</summary>
    public string ClientSecret { get; set; } = "sample-app-secret";

    /// <summary>The clock of the rate-limit windows; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
