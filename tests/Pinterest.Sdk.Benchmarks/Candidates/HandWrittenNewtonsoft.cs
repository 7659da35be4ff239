using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>
/// The floor: HttpClient with ResponseHeadersRead, the stream read by a JsonTextReader into
/// hand-written POCOs with one cached JsonSerializer; a failure read into a small exception.
/// </summary>
public sealed class HandWrittenNewtonsoft(HttpMessageHandler handler) : ICandidate
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault();
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", Api.Token);
    private readonly HttpClient _http = new(handler) { BaseAddress = Api.BaseUrl };

    public async Task<int> InsightsAsync(string adAccountId)
    {
        var insights = await GetAsync<InsightsDto>(Api.InsightsPath(adAccountId));
        return insights.Categories?.Count ?? 0;
    }

    /// <summary>The same call into the leanest models (<c>PlainDtos.cs</c>): plain number and flag fields.</summary>
    public async Task<int> InsightsPlainAsync(string adAccountId)
    {
        var insights = await GetAsync<PlainInsightsDto>(Api.InsightsPath(adAccountId));
        return insights.Categories?.Count ?? 0;
    }

    public async Task<int> ScopeAndTypeAsync(string adAccountId)
    {
        var audiences = await GetAsync<DefinitionsDto>(Api.AudiencesPath(adAccountId));
        return audiences.Items?.Count ?? 0;
    }

    private async Task<T> GetAsync<T>(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Bearer;
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8));
        if (!response.IsSuccessStatusCode)
        {
            var error = Serializer.Deserialize<ErrorDto>(reader);
            throw new HandWrittenApiException((int)response.StatusCode, error?.Code, error?.Message);
        }
        return Serializer.Deserialize<T>(reader)!;
    }
}
