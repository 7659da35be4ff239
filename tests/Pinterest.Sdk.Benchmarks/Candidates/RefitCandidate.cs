using Refit;

namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>Refit 16 with its default (System.Text.Json) serializer.</summary>
public sealed class RefitCandidate(HttpMessageHandler handler) : ICandidate
{
    private readonly IPinterestApi _api = RestService.For<IPinterestApi>(new HttpClient(handler) { BaseAddress = new Uri("https://api.pinterest.com/v5") });

    public async Task<int> InsightsAsync(string adAccountId)
    {
        var insights = await _api.GetInsightsAsync(adAccountId, "YOUR_TOTAL_AUDIENCE", "Bearer " + Api.Token);
        return insights.Categories?.Count ?? 0;
    }

    public async Task<int> ScopeAndTypeAsync(string adAccountId)
    {
        var audiences = await _api.GetAudiencesAsync(adAccountId, "Bearer " + Api.Token);
        return audiences.Items?.Count ?? 0;
    }
}

[Headers("Accept: application/json")]
public interface IPinterestApi
{
    [Get("/ad_accounts/{adAccountId}/audience_insights")]
    Task<InsightsDto> GetInsightsAsync(string adAccountId, [AliasAs("audience_insight_type")] string audienceInsightType, [Header("Authorization")] string authorization);

    [Get("/ad_accounts/{adAccountId}/insights/audiences")]
    Task<DefinitionsDto> GetAudiencesAsync(string adAccountId, [Header("Authorization")] string authorization);
}
