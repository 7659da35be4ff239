using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Tests.History;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli.History;

/// <summary><c>snapshot</c> keeps each day's audiences in the store, and <c>trend</c> shows how they moved.</summary>
public class SnapshotCommandTests
{
    private const string Account = "549755885175";
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-snapshot-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string Store => Path.Combine(_work, "history");

    private static Task<CliResult> RunAsync(DailyAudienceApi api, FakeTimeProvider clock, params string[] arguments) =>
        CliRun.StartAsync(arguments, DailyAudienceApi.Environment, clock: clock, handler: api);

    [Test]
    public async Task Snapshots_on_two_days_then_trend_shows_the_change()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var api = new DailyAudienceApi(clock) { HomeDecor = 0.40, Size = 1_000_000 };

        var first = await RunAsync(api, clock, "snapshot", Account, "--store", Store);
        clock.Advance(TimeSpan.FromDays(1));
        api.HomeDecor = 0.52;
        api.Size = 1_250_000;
        var second = await RunAsync(api, clock, "snapshot", Account, "--store", Store);
        var trend = await RunAsync(api, clock, "trend", Account, "--store", Store);
        var json = await RunAsync(api, clock, "trend", Account, "--store", Store, "--json");

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.Errors + second.Errors);
        Assert.That(first.Errors, Does.Contain($"Stored 1 snapshot (account and audience type) in {Store}").And.Contain("snapshot_date=2026-03-01"));
        Assert.That(trend.ExitCode, Is.Zero, trend.Errors);
        Assert.That(trend.Output, Does.Contain("2 snapshots, 2026-03-01 to 2026-03-02").And.Contain("1,000,000").And.Contain("1,250,000").And.Contain("+25.0%"));
        Assert.That(trend.Output, Does.Contain("home decor").And.Contain("40.0% → 52.0%").And.Contain("+12.0"));
        var values = JObject.Parse(json.Output)["values"]!;
        Assert.That(values[0]!.Value<string>("name"), Is.EqualTo("home decor"), "the biggest move first");
        Assert.That(values[0]!.Value<double>("changePoints"), Is.EqualTo(12.0).Within(1e-9));
        Assert.That(JObject.Parse(json.Output).Value<bool>("sample"), Is.False);
        Assert.That(api.Calls, Is.EqualTo(2), "trend reads the store and calls nothing");
    }

    [Test]
    public async Task A_repeated_run_on_the_same_day_supersedes_the_first_and_never_double_counts()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var api = new DailyAudienceApi(clock) { HomeDecor = 0.40 };

        await RunAsync(api, clock, "snapshot", Account, "--store", Store);
        clock.Advance(TimeSpan.FromHours(2));
        api.HomeDecor = 0.45;
        await RunAsync(api, clock, "snapshot", Account, "--store", Store);
        var json = await RunAsync(api, clock, "trend", Account, "--store", Store, "--json");

        var document = JObject.Parse(json.Output);
        Assert.That(HistoryData.DataFiles(Store), Has.Length.EqualTo(2), "both runs are kept");
        Assert.That(document["sizes"]!.Count(), Is.EqualTo(1), "one snapshot of the day");
        var homeDecor = document["values"]!.Single(v => v.Value<string>("name") == "home decor");
        Assert.That(homeDecor.Value<double>("lastShare"), Is.EqualTo(0.45), "the later fetch");
        Assert.That(json.Errors, Does.Not.Contain("SAMPLE"));
    }

    [Test]
    public async Task Several_accounts_and_types_go_in_one_file_of_the_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var api = new DailyAudienceApi(clock);

        var (result, _) = await FakeTime.RunAsync(clock, () => RunAsync(api, clock, "snapshot", Account, "549755885176", "--type", "your-total,pinterest-total", "--store", Store));

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Errors, Does.Contain("Stored 4 snapshots").And.Contain("1 new file"));
        var history = await new AudienceHistoryStore(Store).ReadAsync("549755885176");
        Assert.That(history.Snapshots.Select(s => s.Type), Is.EquivalentTo(new[] { "YOUR_TOTAL_AUDIENCE", "PINTEREST_TOTAL_AUDIENCE" }));
    }

    [Test]
    public async Task A_store_that_is_a_file_or_cannot_be_created_is_refused_before_any_call()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var api = new DailyAudienceApi(clock);
        var file = Path.Combine(_work, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var isFile = await RunAsync(api, clock, "snapshot", Account, "--store", file);
        var below = await RunAsync(api, clock, "snapshot", Account, "--store", Path.Combine(file, "history"));
        var trend = await RunAsync(api, clock, "trend", Account, "--store", file);

        Assert.That((isFile.ExitCode, below.ExitCode, trend.ExitCode), Is.EqualTo((2, 2, 2)));
        Assert.That(isFile.Errors, Does.Contain($"--store: {file} is a file, not a folder."));
        Assert.That(below.Errors, Does.Contain("--store:").And.Contain("cannot be written").And.Not.Contain("   at "));
        Assert.That(api.Calls, Is.Zero);
    }

    [Test]
    public async Task A_disk_that_fills_leaves_no_partial_file_says_so_and_exits_1()
    {
        using var disk = TinyDisk.Mount(kilobytes: 4);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var api = new DailyAudienceApi(clock);
        var ids = Enumerable.Range(0, 1000).Select(i => (549_800_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_work, "ids.txt"), ids);
        var store = Path.Combine(disk.Path, "history");

        var (result, _) = await FakeTime.RunAsync(clock, () => RunAsync(api, clock, "snapshot", "--accounts-file", Path.Combine(_work, "ids.txt"), "--store", store, "--calls-per-minute", "600000", "--concurrency", "16"));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
        Assert.That(result.Errors, Does.Contain("Could not write").And.Contain("No space left on device").And.Contain("Nothing of this run was stored").And.Not.Contain("   at "));
        Assert.That(HistoryData.AllFiles(store), Is.Empty, "no partial or temporary file");
    }

    [Test]
    public async Task Without_a_token_snapshot_stores_no_sample_data_and_points_to_the_sample_trend()
    {
        var result = await CliRun.RunAsync(["snapshot", "--store", Store]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("sample data is not stored").And.Contain($"'pinterest-insights trend {Account}'"));
        Assert.That(Directory.Exists(Store), Is.False);
    }
}
