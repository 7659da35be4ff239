namespace Pinterest.Sdk.Cli.Export;

/// <summary>What <c>pinterest-insights export</c> was asked to do.</summary>
internal sealed record ExportRequest(
    IReadOnlyList<string> AdAccountIds,
    string? AccountsFile,
    AudienceInsightType Type,
    ExportFormat Format,
    string? Output,
    bool Resume,
    int CallsPerMinute,
    int Concurrency);

/// <summary>
/// <c>pinterest-insights export</c>: audience insights of many ad accounts into one JSON-lines or CSV
/// file, through the SDK's bulk operation (paced by Pinterest's rate limits), resumable.
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

        var exported = request.Resume ? await AccountSources.ExportedAsync(request.Output!, request.Format, cancellationToken).ConfigureAwait(false) : [];
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var todo = distinct.Where(id => !exported.Contains(id)).ToList();
        var options = new PinterestBulkOptions { CallsPerMinute = request.CallsPerMinute, MaxConcurrency = request.Concurrency };
        // Checks every id (and the options) before the output is opened or anything is sent.
        var results = session.Client.GetAudienceInsightsForAdAccountsAsync(todo, request.Type, options, cancellationToken);

        var append = request.Resume && File.Exists(request.Output) && new FileInfo(request.Output!).Length > 0;
        await using var file = request.Output is null ? null : OpenOutput(request.Output, append);
        var output = (TextWriter?)file ?? Console.Out;
        var writer = ExportWriter.Create(request.Format, output, EnumWireValues.Of(request.Type)!, writeHeader: !append);
        var progress = new ExportProgress(todo.Count, Console.Error);
        var cancelled = false;
        try
        {
            await progress.RunAsync(async record =>
            {
                await foreach (var result in results.ConfigureAwait(false))
                {
                    if (result.Succeeded)
                        await writer.WriteAsync(result.AdAccountId, result.Value).ConfigureAwait(false);
                    record(result);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        progress.Summarize(distinct.Count - todo.Count, cancelled);
        return progress.AllExported && !cancelled ? ExitCodes.Success : ExitCodes.ApiFailure;
    }

    private static StreamWriter OpenOutput(string path, bool append)
    {
        try
        {
            return new StreamWriter(path, append) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {path}: {e.Message}", e);
        }
    }
}
