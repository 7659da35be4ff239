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
/// types, into one JSON-lines or CSV file, through the SDK's bulk operation (paced by Pinterest's rate
/// limits), resumable.
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(ApiSession session, ExportRequest request, CancellationToken cancellationToken)
    {
        if (request.Resume && request.Output is null)
            throw new ArgumentException("--resume needs --output: it skips the accounts already in that file.");
        var ids = await AccountSources.ReadAsync(request.AdAccountIds, request.AccountsFile, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            if (!session.IsSample)
                throw new ArgumentException("No ad accounts to export: give their ids as arguments, or --accounts-file FILE (- for standard input), one per line.");
            ids = [.. session.SampleAdAccountIds];
        }

        var options = new PinterestBulkOptions { CallsPerMinute = request.CallsPerMinute, MaxConcurrency = request.Concurrency };
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        // Checks every id (and the options) before the output is opened or anything is sent.
        foreach (var type in request.Types)
            _ = session.Client.GetAudienceInsightsForAdAccountsAsync(distinct, type, options, cancellationToken);

        var exported = request.Resume ? await AccountSources.ResumeAsync(request.Output!, request.Format, cancellationToken).ConfigureAwait(false) : [];
        var todo = request.Types
            .Select(type => (Type: type, Ids: distinct.Where(id => !exported.Contains((id, EnumWireValues.Of(type)!))).ToList()))
            .ToList();
        var total = todo.Sum(t => t.Ids.Count);

        var append = request.Resume && File.Exists(request.Output) && new FileInfo(request.Output!).Length > 0;
        var destination = request.Output ?? "standard output";
        await using var output = request.Output is null ? Console.OpenStandardOutput() : OpenOutput(request.Output, append);
        var writer = ExportWriter.Create(request.Format, output, destination, writeHeader: !append);
        var progress = new ExportProgress(total, request.Types.Count > 1, Console.Error);
        var cancelled = false;
        ExportWriteException? writeFailure = null;
        try
        {
            await progress.RunAsync(async record =>
            {
                foreach (var (type, todoIds) in todo)
                {
                    await foreach (var result in session.Client.GetAudienceInsightsForAdAccountsAsync(todoIds, type, options, cancellationToken).ConfigureAwait(false))
                    {
                        if (result.Succeeded)
                            await writer.WriteAsync(result.AdAccountId, type, result.Value, cancellationToken).ConfigureAwait(false);
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
            // Leaving the loop ends the bulk run; every block written before stays, and is counted.
            writeFailure = e;
        }
        progress.Summarize(distinct.Count * request.Types.Count - total, cancelled, writeFailure);
        return progress.AllExported && !cancelled && writeFailure is null ? ExitCodes.Success : ExitCodes.ApiFailure;
    }

    private static FileStream OpenOutput(string path, bool append)
    {
        try
        {
            // Unbuffered: each block goes to the file in one write, and nothing is left to fail on close.
            return new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {path}: {e.Message}", e);
        }
    }
}
