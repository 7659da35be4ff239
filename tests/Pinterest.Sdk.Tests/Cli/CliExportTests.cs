using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary><c>pinterest-insights export</c>, run as a separate process as a user would.</summary>
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
    public void Csv_of_the_sample_data_has_a_row_per_account_dimension_and_value()
    {
        var result = CliProcess.Run(["export", "--format", "csv", "--type", "your-engaged"]);

        var rows = Lines(result.Output);
        var cells = rows.Skip(1).Select(CsvCells).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Errors);
            Assert.That(rows[0], Is.EqualTo("account,type,date,dimension,key,name,ratio,index"));
            Assert.That(cells.Select(c => c[0]).Distinct(), Is.EquivalentTo(PinterestStubServer.SampleAdAccountIds));
            Assert.That(cells.Select(c => c[1]), Is.All.EqualTo("YOUR_ENGAGED_AUDIENCE"));
            Assert.That(cells.Select(c => c[3]).Distinct(), Is.SupersetOf(new[] { "category", "subcategory", "age", "gender", "device", "country", "metro" }));
            Assert.That(cells.Select(c => double.Parse(c[6], CultureInfo.InvariantCulture)), Is.All.InRange(0, 1));
            Assert.That(cells.Where(c => c[3] == "category").Select(c => c[7]), Is.All.Not.Empty, "categories carry their index");
            Assert.That(cells.Select(c => c[5]), Does.Contain("New York, NY"), "a comma in a name is quoted");
            Assert.That(cells.Select(c => c.Count), Is.All.EqualTo(8));
            Assert.That(result.Errors, Does.Contain("SAMPLE DATA").And.Contain("Exported 3 of 3"));
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
    public void Resume_skips_what_the_file_holds_and_names_each_failure()
    {
        var output = PathOf("out.jsonl");
        var accounts = PinterestStubServer.SampleAdAccountIds;

        var first = CliProcess.Run(["export", accounts[0], accounts[1], "--output", output]);
        var second = CliProcess.Run(["export", "--accounts-file", "-", "--output", output, "--resume"],
            $"# accounts to export\n{accounts[0]}\n{accounts[1]}\n\n{accounts[2]}\n777777\n");

        var lines = Lines(File.ReadAllText(output)).Select(JObject.Parse).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Errors);
            Assert.That(second.ExitCode, Is.EqualTo(1), "one account failed");
            Assert.That(lines.Select(l => l.Value<string>("ad_account_id")), Is.EqualTo(accounts), "each account once, in the order exported");
            Assert.That(lines.Select(l => l["response"]!.Value<string>("type")), Is.All.EqualTo("YOUR_TOTAL_AUDIENCE"));
            Assert.That(lines.Select(l => l["response"]!["demographics"]!["ages"]!.Count()), Is.All.GreaterThan(0));
            Assert.That(second.Errors, Does.Contain("2 were already in the output"));
            Assert.That(second.Errors, Does.Contain("Failed: 1 (not found: 1)").And.Contain("777777  not found"));
        });
    }

    [Test]
    public void Resume_exports_again_an_account_whose_line_an_interrupted_run_cut_short()
    {
        var output = PathOf("out.jsonl");
        var accounts = PinterestStubServer.SampleAdAccountIds;
        CliProcess.Run(["export", accounts[0], accounts[1], "--output", output]);
        var text = File.ReadAllText(output);
        File.WriteAllText(output, text[..(text.IndexOf('\n', StringComparison.Ordinal) + 40)]);

        var result = CliProcess.Run(["export", accounts[0], accounts[1], "--output", output, "--resume"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Lines(File.ReadAllText(output)).Select(l => JObject.Parse(l).Value<string>("ad_account_id")), Is.EqualTo(new[] { accounts[0], accounts[1] }));
    }

    [TestCase(new[] { "export", "12a" }, "#1 is not valid")]
    [TestCase(new[] { "export", "--resume" }, "--resume needs --output")]
    [TestCase(new[] { "export", "--format", "xml" }, "xml")]
    [TestCase(new[] { "export", "--accounts-file", "/no/such/file.txt" }, "--accounts-file /no/such/file.txt")]
    [TestCase(new[] { "export", "--concurrency", "0" }, "--concurrency must be at least 1")]
    [TestCase(new[] { "export", "--calls-per-minute", "-5" }, "--calls-per-minute must be at least 1")]
    public void Bad_arguments_are_a_message_and_exit_code_2(string[] arguments, string expected)
    {
        var result = CliProcess.Run(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain(expected).And.Not.Contain("   at "));
    }

    [Test]
    public void A_bad_id_in_the_accounts_file_leaves_the_output_untouched()
    {
        var output = PathOf("out.csv");
        File.WriteAllText(output, "keep me\n");
        File.WriteAllText(PathOf("ids.txt"), "549755885175\n549755885176x\n");

        var result = CliProcess.Run(["export", "--accounts-file", PathOf("ids.txt"), "--format", "csv", "--output", output]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("#2 is not valid").And.Contain("549755885176x"));
        Assert.That(File.ReadAllText(output), Is.EqualTo("keep me\n"));
    }

    [Test]
    public void With_a_token_and_no_accounts_it_says_where_accounts_come_from()
    {
        var result = CliProcess.Run(["export"], ("PINTEREST_ACCESS_TOKEN", "pina_real-looking"), ("PINTEREST_API_BASE_URL", "http://127.0.0.1:1/v5/"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("--accounts-file"));
    }

    /// <summary>
    /// The acceptance run: 400 accounts against a server that allows 10 requests a second and
    /// says so only through X-RateLimit-* headers. Every existing account is exported, the missing ones
    /// are named with exit code 1, at most 2% of requests are throttled, and the run takes at most 1.25
    /// times the 40 s the budget allows.
    /// </summary>
    [Test]
    public void Four_hundred_accounts_at_ten_a_second_are_paced_by_the_servers_headers_alone()
    {
        const string token = "pina_bulk-export";
        var ids = Enumerable.Range(0, 400).Select(i => (549_800_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var missing = ids.Where((_, i) => i % 40 == 7).ToHashSet();
        using var api = new TenPerSecondApi(ids.Where(id => !missing.Contains(id)), token);
        File.WriteAllLines(PathOf("ids.txt"), ids);
        var watch = Stopwatch.StartNew();

        var result = CliProcess.Run(["export", "--accounts-file", PathOf("ids.txt"), "--type", "your-total", "--format", "jsonl", "--output", PathOf("out.jsonl")],
            ("PINTEREST_ACCESS_TOKEN", token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()));

        var elapsed = watch.Elapsed;
        var exported = Lines(File.ReadAllText(PathOf("out.jsonl"))).Select(l => JObject.Parse(l).Value<string>("ad_account_id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
            Assert.That(exported, Is.EquivalentTo(ids.Where(id => !missing.Contains(id))));
            Assert.That(result.Errors, Does.Contain($"Failed: {missing.Count} (not found: {missing.Count})"));
            foreach (var id in missing)
                Assert.That(result.Errors, Does.Contain($"{id}  not found"));
            Assert.That(api.ThrottledCount, Is.LessThanOrEqualTo(api.RequestCount * 2 / 100), $"{api.ThrottledCount} of {api.RequestCount} requests throttled");
            Assert.That(elapsed, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(50)), "1.25 times the 40 s the budget allows");
        });
        TestContext.Out.WriteLine($"{elapsed.TotalSeconds:0.0} s, {api.RequestCount} requests, {api.ThrottledCount} throttled");
    }
}
