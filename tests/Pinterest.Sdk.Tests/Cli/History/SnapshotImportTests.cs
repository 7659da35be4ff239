using Pinterest.Sdk.Tests.History;

namespace Pinterest.Sdk.Tests.Cli.History;

/// <summary><c>snapshot --import</c> brings earlier <c>export --format jsonl</c> output into the store, once.</summary>
public class SnapshotImportTests
{
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-import-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string Store => Path.Combine(_work, "history");

    private async Task<string> ExportAsync(string name, params string[] types)
    {
        var path = Path.Combine(_work, name);
        var export = await CliRun.RunAsync(["export", "--type", string.Join(',', types), "--format", "jsonl", "--output", path]);
        Assert.That(export.ExitCode, Is.Zero, export.Errors);
        return path;
    }

    [Test]
    public async Task An_export_imported_reads_back_as_the_snapshots_it_holds_and_a_second_import_changes_nothing()
    {
        var file = await ExportAsync("day.jsonl", "your-total", "pinterest-total");

        var first = await CliRun.RunAsync(["snapshot", "--import", file, "--store", Store]);
        var files = HistoryData.AllFiles(Store).Select(File.ReadAllBytes).ToList();
        var second = await CliRun.RunAsync(["snapshot", "--import", file, "--store", Store]);

        Assert.That(first.ExitCode, Is.Zero, first.Errors);
        Assert.That(first.Errors, Does.Contain("Imported 6 snapshots").And.Contain("1 new file"));
        Assert.That(second.ExitCode, Is.Zero, second.Errors);
        Assert.That(second.Errors, Does.Contain("0 new files").And.Contain("already in the store"));
        Assert.That(HistoryData.AllFiles(Store).Select(File.ReadAllBytes), Is.EqualTo(files), "the store is byte for byte as it was");
        var history = await new AudienceHistoryStore(Store).ReadAsync("549755885176");
        Assert.That(history.Snapshots.Select(s => s.Type), Is.EquivalentTo(new[] { "YOUR_TOTAL_AUDIENCE", "PINTEREST_TOTAL_AUDIENCE" }));
        Assert.That(history.Snapshots.Select(s => s.FetchedAt), Is.All.EqualTo(new DateTimeOffset(File.GetLastWriteTimeUtc(file))).Within(TimeSpan.FromMilliseconds(1)),
            "the file's time stands in for the fetch (kept to the millisecond)");
    }

    [Test]
    public async Task Standard_input_is_imported_as_a_file_is()
    {
        var text = await File.ReadAllTextAsync(await ExportAsync("day.jsonl", "your-total"));

        var result = await CliRun.RunAsync(["snapshot", "--import", "-", "--store", Store], text);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That((await new AudienceHistoryStore(Store).ReadAsync("549755885175")).Snapshots, Has.Count.EqualTo(1));
    }

    [TestCase("{\"not\": \"an export line\"}\n", "line 2 is not a line of a JSON Lines export")]
    [TestCase("{\"ad_account_id\": \"549755885175\", \"audience_insight_type\": \"YOUR_TO", "line 2 is cut short")]
    public async Task A_damaged_file_is_named_with_its_line_and_nothing_is_stored(string appended, string expected)
    {
        var good = await ExportAsync("good.jsonl", "your-total");
        var bad = Path.Combine(_work, "bad.jsonl");
        var lines = (await File.ReadAllTextAsync(good)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await File.WriteAllTextAsync(bad, lines[0] + "\n" + appended);

        var result = await CliRun.RunAsync(["snapshot", "--import", good, "--import", bad, "--store", Store]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain($"--import {bad}: {expected}"));
        Assert.That(HistoryData.AllFiles(Store), Is.Empty, "the good file is not stored either");
    }

    [Test]
    public async Task Import_takes_no_ad_accounts()
    {
        var file = await ExportAsync("day.jsonl", "your-total");

        var result = await CliRun.RunAsync(["snapshot", "549755885175", "--import", file, "--store", Store]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("give no ad accounts with it"));
    }
}
