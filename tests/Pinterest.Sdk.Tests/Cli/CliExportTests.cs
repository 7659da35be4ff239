using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary><c>pinterest-insights export</c>, run in process (the first test as a process, as a user would).</summary>
public class CliExportTests
{
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-export-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string PathOf(string name) => Path.Combine(_work, name);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void Csv_of_the_sample_data_has_a_row_per_account_dimension_and_value_each_with_the_audience_size()
    {
        var result = CliProcess.Run(["export", "--format", "csv", "--type", "your-engaged"]);

        var rows = Lines(result.Output);
        var cells = rows.Skip(1).Select(CsvCells).ToList();
        var audienceRows = cells.Where(c => c[3] == "audience").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Errors);
            Assert.That(rows[0], Is.EqualTo("account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound"));
            Assert.That(cells.Select(c => c[0]).Distinct(), Is.EquivalentTo(PinterestStubServer.SampleAdAccountIds));
            Assert.That(cells.Select(c => c[1]), Is.All.EqualTo("YOUR_ENGAGED_AUDIENCE"));
            Assert.That(cells.Select(c => c[3]).Distinct(), Is.SupersetOf(new[] { "audience", "category", "subcategory", "age", "gender", "device", "country", "metro" }));
            Assert.That(audienceRows.Select(c => c[0]), Is.EquivalentTo(PinterestStubServer.SampleAdAccountIds), "one audience row per account");
            Assert.That(cells.Select(c => long.Parse(c[8], CultureInfo.InvariantCulture)), Is.All.GreaterThan(0), "every row has the size");
            Assert.That(cells.Select(c => c[9]), Is.All.AnyOf("true", "false"));
            Assert.That(cells.Where(c => c[3] != "audience").Select(c => double.Parse(c[6], CultureInfo.InvariantCulture)), Is.All.InRange(0, 1));
            Assert.That(cells.Where(c => c[3] == "category").Select(c => c[7]), Is.All.Not.Empty, "categories carry their index");
            Assert.That(cells.Select(c => c[5]), Does.Contain("New York, NY"), "a comma in a name is quoted");
            Assert.That(cells.Select(c => c.Count), Is.All.EqualTo(10));
            Assert.That(result.Errors, Does.Contain("SAMPLE DATA").And.Contain("Exported 3 of 3"));
        });
    }

    [Test]
    public async Task Several_types_or_all_export_each_account_once_per_type_and_say_which()
    {
        var all = await CliRun.RunAsync(["export", "--type", "all", "--output", PathOf("all.jsonl")]);
        var two = await CliRun.RunAsync(["export", "--type", "your-total,pinterest-total", "--type", "your-total", "--format", "csv"]);

        var lines = Lines(File.ReadAllText(PathOf("all.jsonl"))).Select(JObject.Parse).ToList();
        var csvKeys = Lines(two.Output).Skip(1).Select(CsvCells).Where(c => c[3] == "audience").Select(c => (c[0], c[1])).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all.ExitCode, Is.Zero, all.Errors);
            Assert.That(lines.Select(l => (l.Value<string>("ad_account_id"), l.Value<string>("audience_insight_type"))), Is.Unique.And.Exactly(9).Items);
            Assert.That(lines.Select(l => l.Value<string>("audience_insight_type")).Distinct(), Is.EquivalentTo(new[] { "YOUR_TOTAL_AUDIENCE", "YOUR_ENGAGED_AUDIENCE", "PINTEREST_TOTAL_AUDIENCE" }));
            Assert.That(lines.Select(l => l.Value<string>("audience_insight_type")), Is.EqualTo(lines.Select(l => l["response"]!.Value<string>("type"))), "the type is the response's");
            Assert.That(two.ExitCode, Is.Zero, two.Errors);
            Assert.That(csvKeys, Is.Unique.And.Exactly(6).Items);
            Assert.That(csvKeys.Select(k => k.Item2).Distinct(), Is.EquivalentTo(new[] { "YOUR_TOTAL_AUDIENCE", "PINTEREST_TOTAL_AUDIENCE" }));
        });
    }

    /// <summary>The cells of one RFC 4180 row.</summary>
    private static List<string> CsvCells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"')
                (cell, i) = (cell.Append('"'), i + 1);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                (cells, cell) = (cells.Append(cell.ToString()).ToList(), new System.Text.StringBuilder());
            else
                cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [Test]
    public async Task Resume_skips_what_the_file_holds_and_names_each_failure()
    {
        var output = PathOf("out.jsonl");
        var accounts = PinterestStubServer.SampleAdAccountIds;

        var first = await CliRun.RunAsync(["export", accounts[0], accounts[1], "--output", output]);
        var second = await CliRun.RunAsync(["export", "--accounts-file", "-", "--output", output, "--resume"],
            $"# accounts to export\n{accounts[0]}\n{accounts[1]}\n\n{accounts[2]}\n777777\n");

        var lines = Lines(File.ReadAllText(output)).Select(JObject.Parse).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Errors);
            Assert.That(second.ExitCode, Is.EqualTo(1), "one account failed");
            Assert.That(lines.Take(2).Select(l => l.Value<string>("ad_account_id")), Is.EquivalentTo(accounts.Take(2)), "the first run's accounts kept");
            Assert.That(lines.Select(l => l.Value<string>("ad_account_id")), Is.EquivalentTo(accounts), "each account once");
            Assert.That(lines.Select(l => l["response"]!.Value<string>("type")), Is.All.EqualTo("YOUR_TOTAL_AUDIENCE"));
            Assert.That(lines.Select(l => l["response"]!["demographics"]!["ages"]!.Count()), Is.All.GreaterThan(0));
            Assert.That(second.Errors, Does.Contain("2 were already in the output"));
            Assert.That(second.Errors, Does.Contain("Failed: 1 (not found: 1)").And.Contain("777777  not found"));
        });
    }

    [Test]
    public async Task Resume_exports_again_an_account_whose_line_an_interrupted_run_cut_short()
    {
        var output = PathOf("out.jsonl");
        var accounts = PinterestStubServer.SampleAdAccountIds;
        await CliRun.RunAsync(["export", accounts[0], accounts[1], "--output", output]);
        var text = File.ReadAllText(output);
        File.WriteAllText(output, text[..(text.IndexOf('\n', StringComparison.Ordinal) + 40)]);

        var result = await CliRun.RunAsync(["export", accounts[0], accounts[1], "--output", output, "--resume"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Lines(File.ReadAllText(output)).Select(l => JObject.Parse(l).Value<string>("ad_account_id")), Is.EquivalentTo(new[] { accounts[0], accounts[1] }));
    }

    [TestCase(new[] { "export", "12a" }, "#1 is not valid")]
    [TestCase(new[] { "export", "--resume" }, "--resume needs --output")]
    [TestCase(new[] { "export", "--format", "xml" }, "xml")]
    [TestCase(new[] { "export", "--type", "your-total,everyone" }, "--type everyone")]
    [TestCase(new[] { "export", "--accounts-file", "/no/such/file.txt" }, "--accounts-file /no/such/file.txt")]
    [TestCase(new[] { "export", "--concurrency", "0" }, "--concurrency must be at least 1")]
    [TestCase(new[] { "export", "--calls-per-minute", "-5" }, "--calls-per-minute must be at least 1")]
    public async Task Bad_arguments_are_a_message_and_exit_code_2(string[] arguments, string expected)
    {
        var result = await CliRun.RunAsync(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_bad_id_in_the_accounts_file_leaves_the_output_untouched()
    {
        var output = PathOf("out.csv");
        File.WriteAllText(output, "keep me\n");
        File.WriteAllText(PathOf("ids.txt"), "549755885175\n549755885176x\n");

        var result = await CliRun.RunAsync(["export", "--accounts-file", PathOf("ids.txt"), "--format", "csv", "--output", output]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("#2 is not valid").And.Contain("549755885176x"));
        Assert.That(File.ReadAllText(output), Is.EqualTo("keep me\n"));
    }

    [Test]
    public async Task With_a_token_and_no_accounts_it_says_where_accounts_come_from()
    {
        var result = await CliRun.RunAsync(["export"], ("PINTEREST_ACCESS_TOKEN", "pina_real-looking"), ("PINTEREST_API_BASE_URL", "http://127.0.0.1:1/v5/"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("--accounts-file"));
    }

    /// <summary>Only the last block can be cut short; resuming removes all of it and exports it again.</summary>
    [TestCase("csv")]
    [TestCase("jsonl")]
    public async Task Resume_removes_the_whole_last_account_of_an_interrupted_run_and_exports_it_again(string format)
    {
        var output = PathOf("out." + format);
        var accounts = PinterestStubServer.SampleAdAccountIds;
        await CliRun.RunAsync(["export", accounts[0], accounts[1], accounts[2], "--type", "all", "--format", format, "--output", output]);
        var whole = File.ReadAllText(output);
        var lines = whole.Split('\n');
        // Cut inside the last block: half of its lines, and half of the next line.
        var lastKey = Key(lines[^2], format);
        var firstOfLast = Array.FindIndex(lines, l => Key(l, format) == lastKey);
        var keep = (firstOfLast + lines.Length - 1) / 2 + (format == "jsonl" ? 0 : 1);
        var cut = string.Join('\n', lines.Take(keep)) + "\n" + lines[keep][..(lines[keep].Length / 2)];
        File.WriteAllText(output, cut);

        var result = await CliRun.RunAsync(["export", accounts[0], accounts[1], accounts[2], "--type", "all", "--format", format, "--output", output, "--resume"]);

        var resumed = File.ReadAllText(output).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Errors);
            Assert.That(result.Errors, Does.Contain("Exported 1 of 1").And.Contain("8 were already in the output"));
            Assert.That(resumed, Is.EquivalentTo(lines), "the same rows as the run that was not interrupted, each once");
        });
    }

    private static string Key(string line, string format) => format == "csv"
        ? string.Join(',', line.Split(',').Take(2))
        : line.Length == 0 ? "" : $"{JObject.Parse(line).Value<string>("ad_account_id")},{JObject.Parse(line).Value<string>("audience_insight_type")}";

    [Test]
    public async Task Resume_of_a_finished_export_calls_nothing()
    {
        var output = PathOf("out.csv");
        await CliRun.RunAsync(["export", "--format", "csv", "--output", output]);
        var before = File.ReadAllText(output);

        var result = await CliRun.RunAsync(["export", "--format", "csv", "--output", output, "--resume"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Errors, Does.Contain("Exported 0 of 0").And.Contain("3 were already in the output"));
        Assert.That(File.ReadAllText(output), Is.EqualTo(before));
    }

    [Test]
    public async Task An_account_with_no_values_is_recorded_and_not_fetched_again_on_resume()
    {
        using var api = new PinterestApiStub();
        api.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, """{"type": "YOUR_TOTAL_AUDIENCE", "size": 0}""");
        (string, string?)[] environment = [("PINTEREST_ACCESS_TOKEN", PinterestApiStub.Token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString())];
        var output = PathOf("out.csv");

        var first = await CliRun.RunAsync(["export", PinterestApiStub.AdAccountId, "--format", "csv", "--output", output], environment);
        var second = await CliRun.RunAsync(["export", PinterestApiStub.AdAccountId, "--format", "csv", "--output", output, "--resume"], environment);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Errors);
            Assert.That(Lines(File.ReadAllText(output)).Skip(1).Select(CsvCells).Select(c => (c[0], c[3], c[8])),
                Is.EqualTo(new[] { (PinterestApiStub.AdAccountId, "audience", "0") }), "one audience row, with its size");
            Assert.That(second.ExitCode, Is.Zero, second.Errors);
            Assert.That(second.Errors, Does.Contain("1 were already in the output"));
            Assert.That(api.Requests, Has.Count.EqualTo(1), "resuming called nothing");
        });
    }

    [TestCase("jsonl", "csv", "--format jsonl")]
    [TestCase("csv", "jsonl", "--format csv")]
    public async Task Resuming_a_file_of_the_other_format_is_refused_and_leaves_it_untouched(string written, string resumedAs, string expected)
    {
        var output = PathOf("out.txt");
        await CliRun.RunAsync(["export", "--format", written, "--output", output]);
        var before = File.ReadAllText(output);

        var result = await CliRun.RunAsync(["export", "--format", resumedAs, "--output", output, "--resume"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
        Assert.That(File.ReadAllText(output), Is.EqualTo(before));
    }

    [Test]
    public async Task A_full_disk_names_the_file_and_exits_1_without_a_stack_trace()
    {
        Assume.That(File.Exists("/dev/full"), "a Unix machine");

        var result = await CliRun.RunAsync(["export", "--output", "/dev/full"]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
        Assert.That(result.Errors, Does.Contain("Could not write to /dev/full").And.Contain("--resume").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Comments_after_an_id_in_the_accounts_file_are_ignored()
    {
        var accounts = PinterestStubServer.SampleAdAccountIds;
        File.WriteAllText(PathOf("ids.txt"), $"# our accounts\n{accounts[0]}   # the shop\n{accounts[1]}#no space\n");

        var result = await CliRun.RunAsync(["export", "--accounts-file", PathOf("ids.txt")]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Lines(result.Output).Select(l => JObject.Parse(l).Value<string>("ad_account_id")), Is.EquivalentTo(accounts.Take(2)));
    }

    /// <summary>A budget this high once stalled the pacer's timers after the first calls.</summary>
    [Test]
    public async Task A_very_high_budget_finishes()
    {
        var result = await CliRun.RunAsync(["export", "--calls-per-minute", "100000", "--type", "all"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Lines(result.Output), Has.Length.EqualTo(9));
    }

    /// <summary>
    /// The issue's acceptance run: 400 accounts against a server that allows 10 requests a second and
    /// says so only through X-RateLimit-* headers (the stub with ReportRateLimitPolicies off: a plain
    /// limit, whole-second resets, no Retry-After). Every existing account is exported, the missing ones
    /// are named with exit code 1, at most 2% of requests are throttled, and the run takes at most 1.25
    /// times the 40 s the budget allows. The tool and the in-process stub share one fake clock, moved
    /// on while the run waits, so the 40 s take a few real ones and load cannot stretch them; the time
    /// is the stub's, from the first request to the last.
    /// </summary>
    [Test]
    public async Task Four_hundred_accounts_at_ten_a_second_are_paced_by_the_servers_headers_alone()
    {
        const string token = "pina_bulk-export";
        var ids = Enumerable.Range(0, 400).Select(i => (549_800_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var missing = ids.Where((_, i) => i % 40 == 7).ToHashSet();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var arrivals = new ArrivalClock(clock);
        using var api = new PinterestStubHandler(new PinterestStubServerOptions
        {
            AccessToken = token,
            AdAccountIds = [.. ids.Where(id => !missing.Contains(id))],
            CallsPerSecond = 10,
            ReportRateLimitPolicies = false,
            TimeProvider = arrivals,
        });
        File.WriteAllLines(PathOf("ids.txt"), ids);

        var (result, _) = await FakeTime.RunAsync(clock, () => CliRun.StartAsync(
            ["export", "--accounts-file", PathOf("ids.txt"), "--type", "your-total", "--format", "jsonl", "--output", PathOf("out.jsonl")],
            [("PINTEREST_ACCESS_TOKEN", token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString())], clock: clock, handler: api));

        var elapsed = arrivals.Span;
        var exported = Lines(File.ReadAllText(PathOf("out.jsonl"))).Select(l => JObject.Parse(l).Value<string>("ad_account_id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
            Assert.That(exported, Is.EquivalentTo(ids.Where(id => !missing.Contains(id))));
            Assert.That(result.Errors, Does.Contain($"Failed: {missing.Count} (not found: {missing.Count})"));
            foreach (var id in missing)
                Assert.That(result.Errors, Does.Contain($"{id}  not found"));
            Assert.That(api.ThrottledRequestCount, Is.LessThanOrEqualTo(api.RequestCount * 2 / 100), $"{api.ThrottledRequestCount} of {api.RequestCount} requests throttled");
            Assert.That(elapsed, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(50)), "1.25 times the 40 s the budget allows");
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(39.9)), "never faster than 10 a second");
        });
        TestContext.Out.WriteLine($"{elapsed.TotalSeconds:0.0} s, {api.RequestCount} requests, {api.ThrottledRequestCount} throttled");
    }

    /// <summary>A clock that notes the first and last time the stub read it (once per request it counts).</summary>
    private sealed class ArrivalClock(TimeProvider inner) : TimeProvider
    {
        private readonly object _gate = new();
        private DateTimeOffset? _first;
        private DateTimeOffset _last;

        /// <summary>From the first request the stub counted to the last.</summary>
        public TimeSpan Span
        {
            get
            {
                lock (_gate)
                    return _first is { } first ? _last - first : TimeSpan.Zero;
            }
        }

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);

        public override DateTimeOffset GetUtcNow()
        {
            var now = inner.GetUtcNow();
            lock (_gate)
            {
                _first ??= now;
                _last = now;
            }
            return now;
        }
    }
}
