using Pinterest.Sdk.Testing;

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
/// SAMPLE history, so a newcomer sees what it does.
/// </summary>
internal static class TrendCommand
{
    public static async Task<int> RunAsync(CliContext context, TrendRequest request, CancellationToken cancellationToken)
    {
        AudienceInsightsBulkExtensions.CheckAdAccountIds([request.AdAccountId], request.Type);
        if (request.From > request.To)
            throw new ArgumentException($"--from {request.From:yyyy-MM-dd} is after --to {request.To:yyyy-MM-dd}.");
        var store = SnapshotCommand.OpenStore(context, request.Store, forWriting: false);

        AudienceHistory history;
        try
        {
            history = await store.ReadAsync(request.AdAccountId,
                new AudienceHistoryQuery { Type = request.Type, From = request.From, To = request.To, SkipDamaged = request.SkipDamaged }, cancellationToken).ConfigureAwait(false);
        }
        catch (AudienceHistoryFileException e)
        {
            context.Error.WriteLine($"{e.Message}.");
            context.Error.WriteLine("Move it out of the store, or run with --skip-damaged to read the other files.");
            return ExitCodes.ApiFailure;
        }
        foreach (var skipped in history.SkippedFiles)
            context.Error.WriteLine($"Skipped (--skip-damaged): {skipped.Message}.");

        var sample = false;
        if (history.Snapshots.Count == 0)
        {
            if (request.Store is not null || HasToken(context))
            {
                context.Error.WriteLine($"No snapshot of ad account {request.AdAccountId}'s {request.Type.ToWireValue()} in {store.Directory}{Range(request)}.");
                context.Error.WriteLine($"Keep one a day with 'pinterest-insights snapshot {request.AdAccountId}' (from cron, Task Scheduler or a CI schedule; see the README).");
                return ExitCodes.ApiFailure;
            }
            using var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = context.Clock });
            if (!stub.AdAccountIds.Contains(request.AdAccountId))
                throw new ArgumentException($"No stored history of {request.AdAccountId}, and no token: sample histories exist for {string.Join(", ", stub.AdAccountIds)}.");
            context.Error.WriteLine("PINTEREST_ACCESS_TOKEN is not set, there is no stored login and no stored history: showing a SAMPLE HISTORY (a year of made-up daily snapshots), not a real ad account.");
            var all = await SampleHistory.CreateAsync(stub.CreateClient(options => options.TimeProvider = context.Clock), request.AdAccountId, context.Clock, cancellationToken).ConfigureAwait(false);
            history = all with { Snapshots = [.. all.Snapshots.Where(s => (request.From is null || s.SnapshotDate >= request.From) && (request.To is null || s.SnapshotDate <= request.To))] };
            sample = true;
        }

        var trend = AudienceTrend.Of(history, request.Type, request.Dimension);
        if (request.Json)
            TrendOutput.Json(context.Out, trend, sample);
        else
            TrendOutput.Human(context.CreateConsole(), trend, sample);
        return ExitCodes.Success;
    }

    private static string Range(TrendRequest request) => (request.From, request.To) switch
    {
        (null, null) => "",
        ({ } from, null) => $" from {from:yyyy-MM-dd}",
        (null, { } to) => $" up to {to:yyyy-MM-dd}",
        ({ } from, { } to) => $" from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
    };

    /// <summary>Whether the tool would query a real account (the sample history is for those who cannot yet).</summary>
    private static bool HasToken(CliContext context) => context.IsSet("PINTEREST_ACCESS_TOKEN") || File.Exists(context.LoginStore.FilePath);
}
