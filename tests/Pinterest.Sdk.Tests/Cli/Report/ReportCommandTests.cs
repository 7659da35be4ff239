using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Tests.Cli.History;
using Pinterest.Sdk.Tests.History;

namespace Pinterest.Sdk.Tests.Cli.Report;

/// <summary>
/// <c>report</c> as a command: where the page goes, what it says about the data and the history it had,
/// and what it refuses. <see cref="ReportPageTests"/> opens the page in a browser.
/// </summary>
public class ReportCommandTests
{
    private const string Account = "549755885175";
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-report-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string Store => Path.Combine(_work, "history");

    private string Output => Path.Combine(_work, "report.html");

    private (string Name, string? Value) NoHistory => ("XDG_DATA_HOME", Path.Combine(_work, "data"));

    [Test]
    public void Without_a_token_it_writes_the_sample_page_to_the_current_folder_under_the_account_and_date()
    {
        var result = CliProcess.RunIn(_work, ["report", Account], NoHistory);

        var expected = Path.Combine(_work, $"pinterest-audience-{Account}-{DateTime.UtcNow:yyyy-MM-dd}.html");
        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output.Trim(), Is.EqualTo(expected), "the path alone on standard output, for scripts");
        Assert.That(result.Errors, Does.Contain("SAMPLE DATA").And.Contain("SAMPLE HISTORY").And.Contain($"Wrote the report of ad account {Account} to {expected}"));
        var page = File.ReadAllText(expected);
        Assert.That(page, Does.StartWith("<!DOCTYPE html>").And.Contain("SAMPLE DATA").And.Contain("SAMPLE HISTORY").And.Contain("id=\"chart-size\""));
        Assert.That(Directory.GetFiles(_work), Has.Length.EqualTo(1), "no temporary file left beside it");
        Assert.That(Directory.Exists(Path.Combine(_work, "data")), Is.False, "a sample is never stored");
    }

    [Test]
    public async Task The_engaged_audience_is_set_against_pinterests_with_its_own_shares()
    {
        var total = await CliRun.RunAsync(["report", Account, "--output", Output], NoHistory);
        var totalPage = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Output));
        var engaged = await CliRun.RunAsync(["report", Account, "--type", "your-engaged", "--output", Output], NoHistory);
        var engagedPage = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Output));

        Assert.That((total.ExitCode, engaged.ExitCode), Is.EqualTo((0, 0)), total.Errors + engaged.Errors);
        Assert.That(totalPage, Does.Contain("Your total audience against Pinterest's total audience").And.Contain("18.9%"));
        Assert.That(engagedPage, Does.Contain("Your engaged audience against Pinterest's total audience").And.Contain("29.6%"), "architecture: 29.6% of the engaged audience");
        Assert.That(engagedPage, Does.Contain("<div class=\"size compared\"><dt>Your engaged audience</dt>"));
    }

    [Test]
    public async Task The_same_data_on_the_same_day_gives_the_same_bytes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var first = Path.Combine(_work, "first.html");
        var second = Path.Combine(_work, "second.html");

        await CliRun.StartAsync(["report", Account, "--output", first], [NoHistory], clock: clock);
        clock.Advance(TimeSpan.FromHours(3));
        await CliRun.StartAsync(["report", Account, "--output", second], [NoHistory], clock: clock);

        Assert.That(await File.ReadAllBytesAsync(second), Is.EqualTo(await File.ReadAllBytesAsync(first)));
        Assert.That(await File.ReadAllTextAsync(first), Does.Contain("2025-12-07 to 2026-12-06, 365 snapshots").And.Contain("Made</dt><dd>2026-12-06"));
    }

    [Test]
    public async Task With_a_token_and_no_stored_history_the_page_says_how_to_keep_one_and_draws_no_trend()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        using var api = new DailyAudienceApi(clock);

        var result = await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output], DailyAudienceApi.Environment, clock: clock, handler: api);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Errors, Does.Not.Contain("SAMPLE"));
        var page = WebUtility.HtmlDecode(await File.ReadAllTextAsync(Output));
        Assert.That(page, Does.Contain($"The history store ({Store}) holds no snapshot of this audience").And.Contain($"pinterest-insights snapshot {Account}"));
        Assert.That(page, Does.Not.Contain("id=\"chart-size\"").And.Not.Contain("SAMPLE"));
        Assert.That(page, Does.Contain("home decor").And.Contain("Pinterest's figures of</dt><dd>2026-03-01"));
    }

    [Test]
    public async Task One_snapshot_is_named_and_two_draw_the_trend()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        using var api = new DailyAudienceApi(clock);
        var store = new AudienceHistoryStore(Store);
        await store.WriteAsync([HistoryData.Snapshot(Account, "2026-03-01", 0.40)]);

        await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output], DailyAudienceApi.Environment, clock: clock, handler: api);
        var one = await File.ReadAllTextAsync(Output);
        await store.WriteAsync([HistoryData.Snapshot(Account, "2026-03-02", 0.52)]);
        await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output], DailyAudienceApi.Environment, clock: clock, handler: api);
        var two = await File.ReadAllTextAsync(Output);

        Assert.That(one, Does.Contain("holds one snapshot of this audience (2026-03-01): the trend lines appear once it holds a second day").And.Not.Contain("id=\"chart-size\""));
        Assert.That(two, Does.Contain("2026-03-01 to 2026-03-02, 2 snapshots").And.Contain("id=\"chart-size\"").And.Contain("id=\"chart-movers\""));
        Assert.That(two, Does.Contain("home decor 40.0% to 52.0% (+12.0 points)"), "the movers' text alternative");
    }

    [Test]
    public async Task Days_without_a_size_draw_no_size_line_but_still_the_movers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));
        using var api = new DailyAudienceApi(clock);
        var store = new AudienceHistoryStore(Store);
        foreach (var (date, homeDecor) in new[] { ("2026-03-01", 0.30), ("2026-03-02", 0.40) })
        {
            var response = HistoryData.Response(date, homeDecor);
            response.Size = null;
            await store.WriteAsync([new AudienceSnapshot(Account, AudienceInsightType.YourTotalAudience, response, new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero))]);
        }

        var result = await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output], DailyAudienceApi.Environment, clock: clock, handler: api);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var page = await File.ReadAllTextAsync(Output);
        Assert.That(page, Does.Contain("id=\"no-size-trend\"").And.Not.Contain("id=\"chart-size\"").And.Contain("id=\"chart-movers\""));
    }

    [Test]
    public async Task A_damaged_file_in_the_store_stops_the_report_unless_told_to_skip_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));
        using var api = new DailyAudienceApi(clock);
        var store = new AudienceHistoryStore(Store);
        await store.WriteAsync([HistoryData.Snapshot(Account, "2026-03-01", 0.30)]);
        await store.WriteAsync([HistoryData.Snapshot(Account, "2026-03-02", 0.40)]);
        var damaged = Path.Combine(Store, "snapshot_date=2026-03-02", "damaged.parquet");
        await File.WriteAllTextAsync(damaged, "PAR1 and then nothing of use");

        var stopped = await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output], DailyAudienceApi.Environment, clock: clock, handler: api);
        Assert.That(File.Exists(Output), Is.False, "nothing written");
        var skipped = await CliRun.StartAsync(["report", Account, "--store", Store, "--output", Output, "--skip-damaged"], DailyAudienceApi.Environment, clock: clock, handler: api);

        Assert.That(stopped.ExitCode, Is.EqualTo(1));
        Assert.That(stopped.Errors, Does.Contain(damaged).And.Contain("--skip-damaged").And.Not.Contain("   at "));
        Assert.That(skipped.ExitCode, Is.Zero, skipped.Errors);
        Assert.That(await File.ReadAllTextAsync(Output), Does.Contain("2 snapshots"));
    }

    [Test]
    public async Task Open_shows_the_written_file_in_the_browser_or_says_to_open_it()
    {
        var opened = new List<Uri>();

        var shown = await CliRun.StartAsync(["report", Account, "--output", Output, "--open"], [NoHistory], browser: url => { opened.Add(url); return true; });
        var none = await CliRun.StartAsync(["report", Account, "--output", Output, "--open"], [NoHistory], browser: _ => false);

        Assert.That((shown.ExitCode, none.ExitCode), Is.EqualTo((0, 0)));
        Assert.That(opened, Is.EqualTo(new[] { new Uri(Output) }));
        Assert.That(shown.Errors, Does.Not.Contain("No browser"));
        Assert.That(none.Errors, Does.Contain("No browser could be opened here: open the file in one."));
    }

    [Test]
    public async Task A_folder_that_cannot_be_written_is_exit_code_1_and_leaves_nothing()
    {
        var missing = Path.Combine(_work, "no-such-folder", "report.html");

        var result = await CliRun.RunAsync(["report", Account, "--output", missing], NoHistory);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain($"Could not write {missing}").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(Path.Combine(_work, "no-such-folder")), Is.False);
    }

    [TestCase(new[] { "report", Account, "--type", "pinterest-total" }, "pinterest-total")]
    [TestCase(new[] { "report", "12ab" }, "12ab")]
    [TestCase(new[] { "report" }, "Required argument missing")]
    public async Task Bad_arguments_are_a_message_and_exit_code_2(string[] arguments, string expected)
    {
        var result = await CliRun.RunAsync([.. arguments, "--output", Output], NoHistory);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
        Assert.That(File.Exists(Output), Is.False);
    }

    [Test]
    public async Task An_output_that_is_a_folder_is_refused_before_any_call()
    {
        var result = await CliRun.RunAsync(["report", Account, "--output", _work], NoHistory);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain($"--output {_work} is a folder"));
    }

    [Test]
    public async Task Figures_on_the_page_are_written_as_the_terminal_writes_them()
    {
        var compare = await CliRun.RunAsync(["compare", Account], NoHistory);
        await CliRun.RunAsync(["report", Account, "--output", Output], NoHistory);
        var page = await File.ReadAllTextAsync(Output);

        foreach (var figure in new[] { "1,757,530 <small>(upper bound)</small>", "522,000,000", ">82.9%<", ">41.0%<", ">202<" })
            Assert.That(page, Does.Contain(figure));
        Assert.That(compare.Output, Does.Contain("1,757,530").And.Contain("82.9%").And.Contain("41.0%").And.Contain("202"));
    }
}
