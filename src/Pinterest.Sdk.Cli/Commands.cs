namespace Pinterest.Sdk.Cli;

/// <summary>What each command fetches; <see cref="IOutput"/> decides how it is shown.</summary>
internal static class Commands
{
    public static async Task InsightsAsync(ApiSession session, IOutput output, string adAccountId, string typeName, AudienceInsightType type, CancellationToken cancellationToken)
    {
        var insights = await output.WhileWaitingAsync($"Fetching the {typeName} audience of {adAccountId}",
            () => session.Client.GetAudienceInsightsAsync(adAccountId, type, cancellationToken)).ConfigureAwait(false);
        output.Insights(adAccountId, insights);
    }

    public static async Task AudiencesAsync(ApiSession session, IOutput output, string adAccountId, CancellationToken cancellationToken)
    {
        var audiences = await output.WhileWaitingAsync($"Fetching audiences of {adAccountId}",
            () => session.Client.GetAudienceInsightsScopeAndTypeAsync(adAccountId, cancellationToken)).ConfigureAwait(false);
        output.Audiences(adAccountId, audiences);
    }

    public static async Task CompareAsync(ApiSession session, IOutput output, string adAccountId, CancellationToken cancellationToken)
    {
        var comparison = await output.WhileWaitingAsync($"Fetching three audiences of {adAccountId}",
            () => session.Client.CompareAudiencesAsync(adAccountId, cancellationToken)).ConfigureAwait(false);
        output.Comparison(comparison);
    }
}
