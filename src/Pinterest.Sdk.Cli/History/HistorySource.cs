using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Cli.History;

/// <summary>An account's history as a command shows it: from the store, or a SAMPLE one.</summary>
/// <param name="History">The snapshots read (none when the store holds none in range and no sample applies).</param>
/// <param name="Sample">Whether it is <see cref="SampleHistory"/>, made up, not read from the store.</param>
/// <param name="Store">The store read.</param>
internal sealed record ShownHistory(AudienceHistory History, bool Sample, AudienceHistoryStore Store);

/// <summary>
/// Where <c>trend</c> and <c>report</c> get an account's history: the store (<c>--store</c>, else the
/// default one), read through <see cref="AudienceHistoryStore"/>. Without a token and without
/// <c>--store</c>, a sample account with no stored history gets a year of SAMPLE history, so a
/// newcomer sees what history shows. Notices (skipped files, the sample) go to standard error.
/// </summary>
internal static class HistorySource
{
    /// <summary>The history of <paramref name="adAccountId"/>, or null when a damaged file stopped the read (it is named on standard error).</summary>
    /// <param name="context">The store's default place, the token and login, the clock and standard error.</param>
    /// <param name="adAccountId">The account.</param>
    /// <param name="query">The type, days and damage handling.</param>
    /// <param name="store">The <c>--store</c> given, or null for the default store.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <exception cref="ArgumentException">The store is a file; or nothing is stored, there is no token and the account has no sample.</exception>
    public static async Task<ShownHistory?> ReadAsync(CliContext context, string adAccountId, AudienceHistoryQuery query, string? store, CancellationToken cancellationToken)
    {
        var opened = SnapshotCommand.OpenStore(context, store, forWriting: false);
        AudienceHistory history;
        try
        {
            history = await opened.ReadAsync(adAccountId, query, cancellationToken).ConfigureAwait(false);
        }
        catch (AudienceHistoryFileException e)
        {
            context.Error.WriteLine($"{e.Message}.");
            context.Error.WriteLine("Move it out of the store, or run with --skip-damaged to read the other files.");
            return null;
        }
        foreach (var skipped in history.SkippedFiles)
            context.Error.WriteLine($"Skipped (--skip-damaged): {skipped.Message}.");

        if (history.Snapshots.Count > 0 || store is not null || HasToken(context))
            return new ShownHistory(history, false, opened);

        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = context.Clock });
        if (!stub.AdAccountIds.Contains(adAccountId))
            throw new ArgumentException($"No stored history of {adAccountId}, and no token: sample histories exist for {string.Join(", ", stub.AdAccountIds)}.");
        context.Error.WriteLine("PINTEREST_ACCESS_TOKEN is not set, there is no stored login and no stored history: showing a SAMPLE HISTORY (a year of made-up daily snapshots), not a real ad account.");
        var all = await SampleHistory.CreateAsync(stub.CreateClient(options => options.TimeProvider = context.Clock), adAccountId, context.Clock, cancellationToken).ConfigureAwait(false);
        var sample = all with { Snapshots = [.. all.Snapshots.Where(s => (query.From is null || s.SnapshotDate >= query.From) && (query.To is null || s.SnapshotDate <= query.To))] };
        return new ShownHistory(sample, true, opened);
    }

    /// <summary>Whether the tool would query a real account (the sample history is for those who cannot yet).</summary>
    private static bool HasToken(CliContext context) => context.IsSet("PINTEREST_ACCESS_TOKEN") || File.Exists(context.LoginStore.FilePath);
}
