namespace Pinterest.Sdk.Testing;

/// <summary>Settings for <see cref="PinterestStubServer"/>.</summary>
public sealed class PinterestStubServerOptions
{
    /// <summary>The only access token the stub accepts; default <see cref="PinterestStubServer.DefaultAccessToken"/>.</summary>
    public string AccessToken { get; set; } = PinterestStubServer.DefaultAccessToken;

    /// <summary>
    /// The ad accounts the stub knows; any other well-formed id answers 404. Default
    /// <see cref="PinterestStubServer.SampleAdAccountIds"/>. Each id gets its own deterministic audience.
    /// </summary>
    public IReadOnlyList<string> AdAccountIds { get; set; } = PinterestStubServer.SampleAdAccountIds;

    /// <summary>The date the sample insights are "as of"; default yesterday (UTC).</summary>
    public DateOnly? DataDate { get; set; }
}
