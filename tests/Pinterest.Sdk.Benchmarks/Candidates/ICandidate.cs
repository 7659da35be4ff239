namespace Pinterest.Sdk.Benchmarks.Candidates;

/// <summary>One way of calling the two routes. Each returns a number read from the response, so no work is skipped.</summary>
public interface ICandidate
{
    Task<int> InsightsAsync(string adAccountId);

    Task<int> ScopeAndTypeAsync(string adAccountId);
}

public static class Api
{
    public const string Token = "pina_benchmark-token";
    public const string AdAccountId = "549755885175";
    public static readonly Uri BaseUrl = new("https://api.pinterest.com/v5/");

    /// <summary>The hand-written candidates' relative URLs, escaped as the SDK escapes them.</summary>
    public static string InsightsPath(string adAccountId) =>
        $"ad_accounts/{Uri.EscapeDataString(adAccountId)}/audience_insights?audience_insight_type=YOUR_TOTAL_AUDIENCE";

    public static string AudiencesPath(string adAccountId) => $"ad_accounts/{Uri.EscapeDataString(adAccountId)}/insights/audiences";
}
