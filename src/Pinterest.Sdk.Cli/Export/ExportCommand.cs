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
        CheckIds(ids, request.Types);
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();

        // Everything is checked before the output is opened: a refused run leaves an earlier export as it was.
        var resume = request.Resume ? await ExportResume.ReadAsync(request.Output!, request.Format, cancellationToken).ConfigureAwait(false) : ExportResume.Nothing;
        var todo = request.Types
            .Select(type => (Type: type, Ids: distinct.Where(id => !resume.Exported.Contains((id, EnumWireValues.Of(type)!))).ToList()))
            .ToList();
        var total = todo.Sum(t => t.Ids.Count);

        var append = resume.WholeLength > 0;
        var destination = request.Output ?? "standard output";
        await using var output = request.Output is null ? context.OpenStandardOutput() : OpenOutput(request.Output, append ? resume.WholeLength : null);
        var writer = new ExportWriter(request.Format, output, destination, writeHeader: !append);
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

    /// <summary>Every id, by the route's own rules (the generated checks the client runs before a call).</summary>
    /// <exception cref="ArgumentException">An id is not valid; the message gives its position (arguments first, then the file) and the id.</exception>
    private static void CheckIds(List<string> ids, IEnumerable<AudienceInsightType> types)
    {
        foreach (var type in types)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                try
                {
                    AudienceInsightsClient.CheckGetAudienceInsightsArguments(ids[i], type);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Ad account id #{i + 1} is not valid: {ArgumentChecks.Reason(e)}", e);
                }
            }
        }
    }

    /// <param name="path">The file.</param>
    /// <param name="wholeLength">For <c>--resume</c>: the length to keep (the whole blocks) before appending; <see langword="null"/> to start a new file.</param>
    private static FileStream OpenOutput(string path, long? wholeLength)
    {
        try
        {
            // Unbuffered: each block goes to the file in one write, and nothing is left to fail on close.
            var stream = new FileStream(path, wholeLength is null ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
            if (wholeLength is { } keep)
            {
                stream.SetLength(keep);
                stream.Seek(0, SeekOrigin.End);
            }
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {path}: {e.Message}", e);
        }
    }
}
