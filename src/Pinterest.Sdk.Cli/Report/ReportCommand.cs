using Pinterest.Sdk.Cli.History;

namespace Pinterest.Sdk.Cli.Report;

/// <summary>What <c>pinterest-insights report</c> was asked to do.</summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Type">Which of your audiences is set against Pinterest's.</param>
/// <param name="Output">The file to write; null for <c>pinterest-audience-ID-DATE.html</c> in the current folder.</param>
/// <param name="Store">The history store (<c>--store</c>); null for the default one.</param>
/// <param name="SkipDamaged">Whether to read past damaged files in the store.</param>
/// <param name="Open">Whether to open the page in the default browser.</param>
internal sealed record ReportRequest(string AdAccountId, AudienceInsightType Type, string? Output, string? Store, bool SkipDamaged, bool Open);

/// <summary>
/// <c>pinterest-insights report</c>: fetches the comparison (as <c>compare</c> does) and reads the
/// account's history (as <c>trend</c> does), and writes one self-contained HTML page of charts
/// (<see cref="ReportPage"/>). Without a token, a sample account shows sample data and a SAMPLE history.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(CliContext context, ApiSession session, ReportRequest request, CancellationToken cancellationToken)
    {
        AudienceInsightsBulkExtensions.CheckAdAccountIds([request.AdAccountId], request.Type);
        var today = DateOnly.FromDateTime(context.Clock.GetUtcNow().UtcDateTime);
        var path = Path.GetFullPath(request.Output ?? $"pinterest-audience-{request.AdAccountId}-{Figures.Day(today)}.html");
        if (Directory.Exists(path))
            throw new ArgumentException($"--output {path} is a folder: give a file name.");

        context.Error.WriteLine($"Fetching three audiences of {request.AdAccountId}...");
        var comparison = await session.Client.CompareAudiencesAsync(request.AdAccountId, cancellationToken).ConfigureAwait(false);
        var history = await HistorySource.ReadAsync(context, request.AdAccountId,
            new AudienceHistoryQuery { Type = request.Type, SkipDamaged = request.SkipDamaged }, request.Store, cancellationToken).ConfigureAwait(false);
        if (history is null)
            return ExitCodes.ApiFailure;

        var page = ReportPage.Render(ReportData.From(comparison, request.Type, session.IsSample, today, history));
        try
        {
            Write(path, page);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"Could not write {path}: {e.Message}");
            return ExitCodes.ApiFailure;
        }

        context.Error.WriteLine($"Wrote the report of ad account {request.AdAccountId} to {path}{(session.IsSample ? " (SAMPLE DATA)" : "")}: " +
            "one file that opens in any browser, with no network.");
        context.Out.WriteLine(path);
        if (request.Open && !context.OpenBrowser(new Uri(path)))
            context.Error.WriteLine("No browser could be opened here: open the file in one.");
        return ExitCodes.Success;
    }

    /// <summary>Writes the page under a hidden name beside the file, then renames it: the file is whole, or as it was.</summary>
    private static void Write(string path, string page)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, page, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
