namespace Pinterest.Sdk.Cli.Export;

/// <summary>What <c>pinterest-insights export</c> was asked to do.</summary>
internal sealed record ExportRequest(
    IReadOnlyList<string> AdAccountIds,
    string? AccountsFile,
    IReadOnlyList<AudienceInsightType> Types,
    ExportFormat Format,
    string? Output,
    bool Resume,
    int CallsPerMinute,
    int Concurrency);

/// <summary>
/// <c>pinterest-insights export</c>: audience insights of many ad accounts, for one or more audience
/// types, into one JSON Lines, CSV or Parquet file, through the SDK's bulk operation (paced by Pinterest's rate
/// limits), resumable.
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(CliContext context, ApiSession session, ExportRequest request, CancellationToken cancellationToken)
    {
        if (request.Resume && request.Output is null)
            throw new ArgumentException("--resume needs --output: it skips the accounts already in that file.");
        var ids = await AccountSources.ReadAsync(request.AdAccountIds, request.AccountsFile, context.OpenStandardInput, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            if (!session.IsSample)
                throw new ArgumentException("No ad accounts to export: give their ids as arguments, or --accounts-file FILE (- for standard input), one per line.");
            ids = [.. session.SampleAdAccountIds];
        }

        var options = new PinterestBulkOptions { CallsPerMinute = request.CallsPerMinute, MaxConcurrency = request.Concurrency };
        options.Validate();
        var distinct = AccountSources.CheckIds(ids, request.Types);

        // Everything is checked before the output is opened: a refused run leaves an earlier export as it was.
        var resume = request.Resume ? await ExportResume.ReadAsync(request.Output!, request.Format, cancellationToken).ConfigureAwait(false) : ExportResume.Nothing;
        var todo = request.Types
            .Select(type => (Type: type, Ids: distinct.Where(id => !resume.Exported.Contains((id, type.ToWireValue()))).ToList()))
            .ToList();
        var total = todo.Sum(t => t.Ids.Count);

        await using var sink = await request.Format.OpenAsync(request.Output, context.OpenStandardOutput, resume, cancellationToken).ConfigureAwait(false);
        var progress = new ExportProgress(total, request.Types.Count > 1, context.Error, context.Clock);
        var cancelled = false;
        ExportWriteException? writeFailure = null;
        try
        {
            await progress.RunAsync(context.ErrorIsTerminal, async record =>
            {
                foreach (var (type, todoIds) in todo)
                {
                    await foreach (var result in session.Client.GetAudienceInsightsForAdAccountsAsync(todoIds, type, options, cancellationToken).ConfigureAwait(false))
                    {
                        if (result.Succeeded)
                            await sink.WriteAsync(result.AdAccountId, type, result.Value, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                        record(type, result);
                    }
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (ExportWriteException e)
        {
            // Leaving the loop ends the bulk run; every block written before stays (text formats), and is counted.
            writeFailure = e;
        }
        if (writeFailure is null)
        {
            try
            {
                // Also when cancelled or some accounts failed: what was exported is kept, for --resume.
                await sink.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ExportWriteException e)
            {
                writeFailure = e;
            }
        }
        progress.Summarize(distinct.Count * request.Types.Count - total, cancelled, writeFailure, request.Format.KeepsBlocksWrittenBeforeAFailure);
        return progress.AllExported && !cancelled && writeFailure is null ? ExitCodes.Success : ExitCodes.ApiFailure;
    }
}
