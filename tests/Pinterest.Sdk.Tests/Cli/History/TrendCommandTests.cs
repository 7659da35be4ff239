using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Tests.History;

namespace Pinterest.Sdk.Tests.Cli.History;

/// <summary><c>trend</c>: the store's history, a sample one for newcomers, damage named, bad arguments refused.</summary>
public class TrendCommandTests
{
    private const string Account = "549755885175";
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-trend-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string Store => Path.Combine(_work, "history");

    private async Task WriteDaysAsync(params (string Date, double HomeDecor)[] days)
    {
        var store = new AudienceHistoryStore(Store);
        foreach (var (date, homeDecor) in days)
            await store.WriteAsync([HistoryData.Snapshot(Account, date, homeDecor)]);
    }

    [Test]
    public async Task Without_a_token_or_a_store_a_sample_account_shows_a_year_of_sample_history_ending_in_todays_sample_answer()
    {
        var environment = new[] { ("XDG_DATA_HOME", (string?)Path.Combine(_work, "data")) };
        var human = await CliRun.RunAsync(["trend", Account], environment);
        var json = await CliRun.RunAsync(["trend", Account, "--json", "--dimension", "ages"], environment);
        var insights = await CliRun.RunAsync(["insights", Account, "--json"], environment);

        Assert.That(human.ExitCode, Is.Zero, human.Errors);
        Assert.That(human.Errors, Does.Contain("SAMPLE HISTORY"));
        Assert.That(human.Output, Does.Contain("SAMPLE DATA").And.Contain("365 snapshots"));
        var document = JObject.Parse(json.Output);
        Assert.That(document.Value<bool>("sample"), Is.True);
        Assert.That(document["sizes"]!.Count(), Is.EqualTo(365));
        var ages = document["values"]!;
        Assert.That(ages.Sum(v => v.Value<double>("lastShare")), Is.EqualTo(1).Within(1e-3), "today's shares sum to 1 (Pinterest rounds each)");
        Assert.That(ages.Sum(v => v.Value<double>("firstShare")), Is.EqualTo(ages.Sum(v => v.Value<double>("lastShare"))).Within(1e-9), "so do a year ago's");
        var today = JObject.Parse(insights.Output)["demographics"]!["ages"]!;
        foreach (var age in today)
            Assert.That(ages.Single(v => v.Value<string>("key") == age.Value<string>("key")).Value<double>("lastShare"), Is.EqualTo(age.Value<double>("ratio")).Within(1e-9),
                "the last day is today's sample answer");
        Assert.That(Directory.Exists(Path.Combine(_work, "data")), Is.False, "a sample is never stored");
    }

    [Test]
    public async Task With_a_store_that_has_no_history_of_the_account_it_says_how_to_start_one()
    {
        var result = await CliRun.RunAsync(["trend", Account, "--store", Store]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain($"No snapshot of ad account {Account}'s YOUR_TOTAL_AUDIENCE in {Store}").And.Contain($"pinterest-insights snapshot {Account}"));
    }

    [Test]
    public async Task One_snapshot_only_says_so_and_shows_it()
    {
        await WriteDaysAsync(("2026-03-01", 0.4));

        var result = await CliRun.RunAsync(["trend", Account, "--store", Store]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain("Only one snapshot (2026-03-01): no trend yet").And.Contain("home decor").And.Contain("40.0% → 40.0%"));
    }

    [Test]
    public async Task From_and_to_choose_the_days_compared()
    {
        await WriteDaysAsync(("2026-03-01", 0.30), ("2026-03-02", 0.40), ("2026-03-03", 0.45), ("2026-03-04", 0.60));

        var result = await CliRun.RunAsync(["trend", Account, "--store", Store, "--from", "2026-03-02", "--to", "2026-03-03", "--json"]);

        var homeDecor = JObject.Parse(result.Output)["values"]!.Single(v => v.Value<string>("name") == "home decor");
        Assert.That((homeDecor.Value<double>("firstShare"), homeDecor.Value<double>("lastShare")), Is.EqualTo((0.40, 0.45)));
        Assert.That(homeDecor["path"]!.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_damaged_file_stops_trend_with_its_name_unless_told_to_skip_it()
    {
        await WriteDaysAsync(("2026-03-01", 0.30), ("2026-03-02", 0.40));
        var damaged = Path.Combine(Store, "snapshot_date=2026-03-02", "damaged.parquet");
        await File.WriteAllTextAsync(damaged, "PAR1 and then nothing of use");

        var stopped = await CliRun.RunAsync(["trend", Account, "--store", Store]);
        var skipped = await CliRun.RunAsync(["trend", Account, "--store", Store, "--skip-damaged"]);

        Assert.That(stopped.ExitCode, Is.EqualTo(1));
        Assert.That(stopped.Errors, Does.Contain(damaged).And.Contain("--skip-damaged").And.Not.Contain("   at "));
        Assert.That(skipped.ExitCode, Is.Zero, skipped.Errors);
        Assert.That(skipped.Errors, Does.Contain($"Skipped (--skip-damaged): {damaged}"));
        Assert.That(skipped.Output, Does.Contain("2 snapshots"));
    }

    [TestCase(new[] { "trend", Account, "--from", "2026-03-05", "--to", "2026-03-01" }, "--from 2026-03-05 is after --to 2026-03-01")]
    [TestCase(new[] { "trend", Account, "--from", "March" }, "--from March: not a date; use YYYY-MM-DD")]
    [TestCase(new[] { "trend", Account, "--dimension", "hobbies" }, "hobbies")]
    [TestCase(new[] { "trend", "12ab" }, "12ab")]
    public async Task Bad_arguments_are_a_message_and_exit_code_2(string[] arguments, string expected)
    {
        var result = await CliRun.RunAsync([.. arguments, "--store", Store]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
    }
}
