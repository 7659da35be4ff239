using System.Globalization;
using Spectre.Console;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// What an export has done so far, shown while it runs (a Spectre.Console progress bar on a terminal,
/// a log line every few seconds when standard error is redirected) and summed up at the end. Everything
/// goes to standard error: standard output may be the export itself.
/// </summary>
internal sealed class ExportProgress(int total, bool severalTypes, TextWriter log, TimeProvider clock, string verb = "exported", string rerun = "Run again with --resume")
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly long _started = clock.GetTimestamp();
    private readonly List<(AudienceInsightType Type, AdAccountResult<AudienceInsightsResponse> Result)> _failed = [];
    private readonly List<AdAccountResult<AudienceInsightsResponse>> _notCalled = [];
    private readonly string _unit = severalTypes ? "ad account and audience type pairs" : "ad accounts";
    private TimeSpan _lastLog;

    public int Exported { get; private set; }

    public bool AllExported => _failed.Count == 0 && _notCalled.Count == 0;

    private int Done => Exported + _failed.Count + _notCalled.Count;

    private int Calls => Exported + _failed.Count;

    private TimeSpan Elapsed => clock.GetElapsedTime(_started);

    /// <summary>Runs <paramref name="export"/>, which calls <see cref="Record"/> for each result once it is written, with the progress shown.</summary>
    /// <param name="live">Whether the log is a terminal: a progress bar; otherwise log lines.</param>
    /// <param name="export">The export.</param>
    public Task RunAsync(bool live, Func<Action<AudienceInsightType, AdAccountResult<AudienceInsightsResponse>>, Task> export)
    {
        if (!live)
            return export((type, result) => { Record(type, result); LogNow(type, result); });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(log) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Status(), maxValue: Math.Max(1, total));
                await export((type, result) =>
                {
                    Record(type, result);
                    task.Value = Done;
                    task.Description = Markup.Escape(Status());
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
            });
    }

    /// <summary>The summary: done, failed by kind, elapsed, calls a minute; every failure named; a write failure last.</summary>
    public void Summarize(int alreadyExported, bool cancelled, ExportWriteException? writeFailure, bool keptWhatWasWritten)
    {
        var elapsed = Elapsed;
        var perMinute = elapsed.TotalMinutes > 0 ? Calls / elapsed.TotalMinutes : 0;
        var skipped = alreadyExported > 0 ? $"; {alreadyExported} were already in the output and skipped." : ".";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(cancelled ? "Cancelled: " + verb : char.ToUpperInvariant(verb[0]) + verb[1..])} {Exported} of {total} {_unit} in {elapsed.TotalSeconds:0.0} s ({perMinute:0} calls a minute){skipped}"));
        if (_failed.Count > 0)
        {
            var kinds = _failed.GroupBy(f => Kind(f.Result.Error!)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}");
            log.WriteLine($"Failed: {_failed.Count} ({string.Join(", ", kinds)})");
            foreach (var (type, failure) in _failed)
                log.WriteLine($"  {Name(failure.AdAccountId, type)}  {Kind(failure.Error!)}: {failure.Error!.Message}");
        }
        if (_notCalled.Count > 0)
        {
            var reason = _notCalled[0].Error!;
            var when = reason.RetryAfter is { } wait ? $"; the quota resets in {Duration(wait)}" : "";
            log.WriteLine($"Not called: {_notCalled.Count} {_unit}, because {Kind(reason)}{when}. {rerun} to fetch them.");
        }
        else if (writeFailure is null && (cancelled || _failed.Any(f => f.Result.Error is PinterestRateLimitException or PinterestServerException or PinterestNetworkException)))
        {
            log.WriteLine($"{rerun} to fetch the rest.");
        }
        if (writeFailure is not null)
        {
            log.WriteLine(writeFailure.Message);
            log.WriteLine(keptWhatWasWritten
                ? string.Create(CultureInfo.InvariantCulture, $"The {Exported} {_unit} written before it are kept; once {writeFailure.Destination} can be written, run again with --resume to export the rest.")
                : $"Nothing of this run was kept ({writeFailure.Destination} is as it was before it); once it can be written, run again with --resume.");
        }
    }

    private void Record(AudienceInsightType type, AdAccountResult<AudienceInsightsResponse> result)
    {
        if (result.Succeeded)
            Exported++;
        else if (result.WasCalled)
            _failed.Add((type, result));
        else
            _notCalled.Add(result);
    }

    /// <summary>The account, and with several types, the type too.</summary>
    private string Name(string adAccountId, AudienceInsightType type) => severalTypes ? $"{adAccountId} {type.ToWireValue()}" : adAccountId;

    private void LogNow(AudienceInsightType type, AdAccountResult<AudienceInsightsResponse> result)
    {
        if (!result.Succeeded && result.WasCalled)
            log.WriteLine($"failed {Name(result.AdAccountId, type)}: {Kind(result.Error)}: {result.Error.Message}");
        if (Elapsed - _lastLog >= LogEvery || Done == total)
        {
            _lastLog = Elapsed;
            log.WriteLine(Status());
        }
    }

    private string Status()
    {
        var elapsed = Elapsed.TotalSeconds;
        var rate = elapsed > 0 ? Calls / elapsed : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - Done) / rate) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{verb} {Exported}/{total}, {_failed.Count} failed, {rate:0.0} calls/s, ETA {(eta is { } e ? Duration(e) : "-")}");
    }

    private static string Kind(PinterestApiException error) => error switch
    {
        PinterestNotFoundException => "not found",
        PinterestPermissionException => "not permitted",
        PinterestAuthenticationException => "token refused",
        PinterestRateLimitException => "rate limited",
        PinterestBadRequestException => "bad request",
        PinterestServerException => "server error",
        PinterestNetworkException { IsTimeout: true } => "timed out",
        PinterestNetworkException => "network failure",
        _ => string.Create(CultureInfo.InvariantCulture, $"HTTP {error.StatusCode}"),
    };

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
