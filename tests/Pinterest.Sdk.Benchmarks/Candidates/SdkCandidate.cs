namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>Pinterest.Sdk with its defaults (retries on, validation, typed errors), over the canned handler.</summary>
public sealed class SdkCandidate(HttpMessageHandler handler) : ICandidate
{
    private readonly AudienceInsightsClient _client = new(new HttpClient(handler), new PinterestClientOptions { AccessToken = Api.Token, BaseUrl = Api.BaseUrl });

    public async Task<int> InsightsAsync(string adAccountId)
    {
        var insights = await _client.GetAudienceInsightsAsync(adAccountId, AudienceInsightType.YourTotalAudience);
        return insights.Categories?.Count ?? 0;
    }

    public async Task<int> ScopeAndTypeAsync(string adAccountId)
    {
        var audiences = await _client.GetAudienceInsightsScopeAndTypeAsync(adAccountId);
        return audiences.Items?.Count ?? 0;
    }
}
