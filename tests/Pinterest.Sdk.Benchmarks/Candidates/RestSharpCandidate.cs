using RestSharp;

namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>RestSharp 114 with its default (System.Text.Json) serializer.</summary>
public sealed class RestSharpCandidate(HttpMessageHandler handler) : ICandidate
{
    private readonly RestClient _client = new(new HttpClient(handler), new RestClientOptions(Api.BaseUrl));

    public async Task<int> InsightsAsync(string adAccountId)
    {
        var request = new RestRequest("ad_accounts/{adAccountId}/audience_insights")
            .AddUrlSegment("adAccountId", adAccountId)
            .AddQueryParameter("audience_insight_type", "YOUR_TOTAL_AUDIENCE")
            .AddHeader("Authorization", "Bearer " + Api.Token);
        var response = await _client.ExecuteGetAsync<InsightsDto>(request);
        return response.IsSuccessful ? response.Data?.Categories?.Count ?? 0 : throw new HandWrittenApiException((int)response.StatusCode, null, response.Content);
    }

    public async Task<int> ScopeAndTypeAsync(string adAccountId)
    {
        var request = new RestRequest("ad_accounts/{adAccountId}/insights/audiences")
            .AddUrlSegment("adAccountId", adAccountId)
            .AddHeader("Authorization", "Bearer " + Api.Token);
        var response = await _client.ExecuteGetAsync<DefinitionsDto>(request);
        return response.IsSuccessful ? response.Data?.Items?.Count ?? 0 : throw new HandWrittenApiException((int)response.StatusCode, null, response.Content);
    }
}
