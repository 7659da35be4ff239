namespace Pinterest.Sdk.Cli.History;

/// <summary>What <c>pinterest-insights trend</c> was asked to do.</summary>
internal sealed record TrendRequest(
    string AdAccountId,
    AudienceInsightType Type,
    string Dimension,
    DateOnly? From,
    DateOnly? To,
    string? Store,
    bool SkipDamaged,
    bool Json);

/// <summary>
/// <c>pinterest-insights trend</c>: how an ad account's audience moved over the snapshots in the store.
/// Without a token and without <c>--store</c>, a sample account with no stored history gets a year of
/// SAMPLE history (<see cref="HistorySource"/>), so a newcomer sees what it does.
/// </summary>
internal static class TrendCommand
{
    public static async Task<int> RunAsync(CliContext context, TrendRequest request, CancellationToken cancellationToken)
    {
        AudienceInsightsBulkExtensions.CheckAdAccountIds([request.AdAccountId], request.Type);
        if (request.From > request.To)
            throw new ArgumentException($"--from {request.From:yyyy-MM-dd} is after --to {request.To:yyyy-MM-dd}.");

        var shown = await HistorySource.ReadAsync(context, request.AdAccountId,
            new AudienceHistoryQuery { Type = request.Type, From = request.From, To = request.To, SkipDamaged = request.SkipDamaged },
            request.Store, cancellationToken).ConfigureAwait(false);
        if (shown is null)
            return ExitCodes.ApiFailure;
        if (shown.History.Snapshots.Count == 0 && !shown.Sample)
        {
            context.Error.WriteLine($"No snapshot of ad account {request.AdAccountId}'s {request.Type.ToWireValue()} in {shown.Store.Directory}{Range(request)}.");
            context.Error.WriteLine($"Keep one a day with 'pinterest-insights snapshot {request.AdAccountId}' (from cron, Task Scheduler or a CI schedule; see the README).");
            return ExitCodes.ApiFailure;
        }

        var trend = AudienceTrend.Of(shown.History, request.Type, request.Dimension);
        if (request.Json)
            TrendOutput.Json(context.Out, trend, shown.Sample);
        else
            TrendOutput.Human(context.CreateConsole(), trend, shown.Sample);
        return ExitCodes.Success;
    }

    private static string Range(TrendRequest request) => (request.From, request.To) switch
    {
        (null, null) => "",
        ({ } from, null) => $" from {from:yyyy-MM-dd}",
        (null, { } to) => $" up to {to:yyyy-MM-dd}",
        ({ } from, { } to) => $" from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
    };
}
