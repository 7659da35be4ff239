using System.Net.Http.Headers;
using System.Text.Json;

namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>The same hand-written call with System.Text.Json, for reference: not the floor this SDK (Newtonsoft) can reach.</summary>
public sealed class HandWrittenSystemTextJson(HttpMessageHandler handler) : ICandidate
{
    private static readonly JsonSerializerOptions Options = new();
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", Api.Token);
    private readonly HttpClient _http = new(handler) { BaseAddress = Api.BaseUrl };

    public async Task<int> InsightsAsync(string adAccountId)
    {
        var insights = await GetAsync<InsightsDto>(Api.InsightsPath(adAccountId));
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
        if (!response.IsSuccessStatusCode)
        {
            var error = await JsonSerializer.DeserializeAsync<ErrorDto>(stream, Options);
            throw new HandWrittenApiException((int)response.StatusCode, error?.Code, error?.Message);
        }
        return (await JsonSerializer.DeserializeAsync<T>(stream, Options))!;
    }
}
