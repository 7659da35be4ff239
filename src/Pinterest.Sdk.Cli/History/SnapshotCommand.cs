using System.Globalization;
using Pinterest.Sdk.Cli.Export;

namespace Pinterest.Sdk.Cli.History;

/// <summary>What <c>pinterest-insights snapshot</c> was asked to do.</summary>
internal sealed record SnapshotRequest(
    IReadOnlyList<string> AdAccountIds,
    string? AccountsFile,
    IReadOnlyList<AudienceInsightType> Types,
    string? Store,
    IReadOnlyList<string> Imports,
    int CallsPerMinute,
    int Concurrency);

/// <summary>
/// <c>pinterest-insights snapshot</c>: fetches the audiences of many ad accounts (as <c>export</c> does,
/// paced by Pinterest's rate limits) and appends them to the history store, or imports earlier
/// <c>export --format jsonl</c> files instead. Meant for a schedule: a repeated or failed run re-run
/// never double-counts (the latest fetch of a day wins when read).
/// </summary>
internal static class SnapshotCommand
{
    /// <summary>Snapshots stored per file: a long run keeps what it fetched as it goes, and holds little in memory.</summary>
    private const int SnapshotsPerFile = 1000;

    /// <summary>The store: <c>--store</c>, or the default in the user's data folder; checked writable before anything else happens.</summary>
    /// <exception cref="ArgumentException">The path is a file, or the folder cannot be created or written.</exception>
    public static AudienceHistoryStore OpenStore(CliContext context, string? store, bool forWriting)
    {
        var history = new AudienceHistoryStore(store ?? context.DefaultHistoryStore, context.Clock);
        try
        {
            if (forWriting)
                history.EnsureWritable();
            else if (File.Exists(history.Directory))
                throw new IOException($"{history.Directory} is a file, not a folder.");
        }
        catch (IOException e)
        {
            throw new ArgumentException($"--store: {e.Message}", e);
        }
        return history;
    }

    public static async Task<int> ImportAsync(CliContext context, SnapshotRequest request, CancellationToken cancellationToken)
    {
        if (request.AdAccountIds.Count > 0 || request.AccountsFile is not null)
            throw new ArgumentException("--import brings exported files into the store instead of calling Pinterest: give no ad accounts with it.");
        var store = OpenStore(context, request.Store, forWriting: true);
        // Every file is read whole before anything is stored: a damaged one stores nothing.
        var files = new List<HistoryImport>();
        foreach (var path in request.Imports)
            files.Add(await HistoryImport.ReadAsync(path, context, cancellationToken).ConfigureAwait(false));
        var stored = new List<StoredFile>();
        foreach (var file in files)
        {
            try
            {
                stored.AddRange(await store.WriteAsync(file.Snapshots, file.RunId, CancellationToken.None).ConfigureAwait(false));
            }
            catch (AudienceHistoryWriteException e)
            {
                return WriteFailed(context, store, [.. stored, .. e.Stored], e);
            }
        }
        Summarize(context, store, stored, files.Sum(f => f.Snapshots.Count), "imported");
        return ExitCodes.Success;
    }

    public static async Task<int> RunAsync(CliContext context, ApiSession session, SnapshotRequest request, CancellationToken cancellationToken)
    {
        if (session.IsSample)
            throw new ArgumentException("snapshot keeps the history of your own ad accounts, and sample data is not stored: set PINTEREST_ACCESS_TOKEN or run 'pinterest-insights login'. " +
                $"'pinterest-insights trend {session.SampleAdAccountIds[0]}' shows a sample history.");
        var ids = await AccountSources.ReadAsync(request.AdAccountIds, request.AccountsFile, context.OpenStandardInput, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
            throw new ArgumentException("No ad accounts to snapshot: give their ids as arguments, or --accounts-file FILE (- for standard input), one per line.");
        var options = new PinterestBulkOptions { CallsPerMinute = request.CallsPerMinute, MaxConcurrency = request.Concurrency };
        options.Validate();
        var distinct = AccountSources.CheckIds(ids, request.Types);
        var store = OpenStore(context, request.Store, forWriting: true);

        var runId = store.NewRunId();
        var pending = new List<AudienceSnapshot>();
        var stored = new List<StoredFile>();
        var part = 0;
        async Task StorePendingAsync()
        {
            if (pending.Count == 0)
                return;
            part++;
            // Not cancellable: what was fetched is kept even when the run is being stopped.
            stored.AddRange(await store.WriteAsync(pending, string.Create(CultureInfo.InvariantCulture, $"{runId}-{part:D4}"), CancellationToken.None).ConfigureAwait(false));
            pending.Clear();
        }

        var total = distinct.Count * request.Types.Count;
        var progress = new ExportProgress(total, request.Types.Count > 1, context.Error, context.Clock, "fetched", "Run the snapshot again (the latest fetch of a day wins, so nothing is counted twice)");
        var cancelled = false;
        try
        {
            await progress.RunAsync(context.ErrorIsTerminal, async record =>
            {
                foreach (var type in request.Types)
                {
                    await foreach (var result in session.Client.GetAudienceInsightsForAdAccountsAsync(distinct, type, options, cancellationToken).ConfigureAwait(false))
                    {
                        if (result.Succeeded)
                            pending.Add(new AudienceSnapshot(result.AdAccountId, type, result.Value, context.Clock.GetUtcNow()));
                        record(type, result);
                        if (pending.Count >= SnapshotsPerFile)
                            await StorePendingAsync().ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (AudienceHistoryWriteException e)
        {
            progress.Summarize(0, cancelled: false, writeFailure: null, keptWhatWasWritten: true);
            return WriteFailed(context, store, [.. stored, .. e.Stored], e);
        }
        try
        {
            await StorePendingAsync().ConfigureAwait(false);
        }
        catch (AudienceHistoryWriteException e)
        {
            progress.Summarize(0, cancelled, writeFailure: null, keptWhatWasWritten: true);
            return WriteFailed(context, store, [.. stored, .. e.Stored], e);
        }
        progress.Summarize(0, cancelled, writeFailure: null, keptWhatWasWritten: true);
        Summarize(context, store, stored, stored.Sum(f => f.Snapshots), "stored");
        return progress.AllExported && !cancelled ? ExitCodes.Success : ExitCodes.ApiFailure;
    }

    private static void Summarize(CliContext context, AudienceHistoryStore store, List<StoredFile> files, int snapshots, string verb)
    {
        var written = files.Where(f => !f.AlreadyStored).ToList();
        var already = files.Count - written.Count;
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{char.ToUpperInvariant(verb[0])}{verb[1..]} {snapshots} snapshot{(snapshots == 1 ? "" : "s")} (account and audience type) in {store.Directory}: {written.Count} new file{(written.Count == 1 ? "" : "s")}, {written.Sum(f => f.Rows)} rows."));
        foreach (var file in written)
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.SnapshotDate:yyyy-MM-dd}  {file.Path}  ({file.Snapshots} snapshots, {file.Rows} rows)"));
        if (already > 0)
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{already} file{(already == 1 ? " was" : "s were")} already in the store (the same input stored before): nothing changed there."));
    }

    private static int WriteFailed(CliContext context, AudienceHistoryStore store, List<StoredFile> stored, AudienceHistoryWriteException e)
    {
        context.Error.WriteLine(e.Message);
        context.Error.WriteLine("No part of that file was left in the store.");
        if (stored.Count > 0)
            Summarize(context, store, stored, stored.Sum(f => f.Snapshots), "stored before it");
        else
            context.Error.WriteLine("Nothing of this run was stored.");
        return ExitCodes.ApiFailure;
    }
}
