namespace Pinterest.Sdk.Tests.Support;

/// <summary>Both operations as data, so one test body can cover each route.</summary>
public sealed record Route(string Name, Func<string, string> Path, Func<IAudienceInsightsClient, string, CancellationToken, Task<object>> Call)
{
    public static readonly Route Insights = new(
        "GetAudienceInsights",
        PinterestApiStub.InsightsPath,
        async (client, id, ct) => await client.GetAudienceInsightsAsync(id, AudienceInsightType.YourTotalAudience, ct));

    public static readonly Route Audiences = new(
        "GetAudienceInsightsScopeAndType",
        PinterestApiStub.AudiencesPath,
        async (client, id, ct) => await client.GetAudienceInsightsScopeAndTypeAsync(id, ct));

    public static readonly Route[] All = [Insights, Audiences];

    public Task<object> CallAsync(IAudienceInsightsClient client, string adAccountId = PinterestApiStub.AdAccountId, CancellationToken ct = default) =>
        Call(client, adAccountId, ct);

    public override string ToString() => Name;
}
