using System.Globalization;
using Pinterest.Sdk.Tests.History;

namespace Pinterest.Sdk.Tests.Cli.Export;

/// <summary>
/// <c>export --format parquet</c>: the CSV's rows with typed columns, always a whole file, resumable
/// without losing or repeating a block.
/// </summary>
public class ParquetExportTests
{
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-parquet-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string PathOf(string name) => Path.Combine(_work, name);

    private static async Task<IReadOnlyList<AudienceRow>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await AudienceParquet.ReadAsync(file);
    }

    private static List<string> Blocks(IEnumerable<AudienceRow> rows) =>
        [.. rows.Where(r => r.Dimension == AudienceRowDimension.Audience).Select(r => $"{r.AdAccountId} {r.Type}")];

    [Test]
    public async Task Parquet_holds_the_CSVs_rows_with_typed_values_and_when_each_was_fetched()
    {
        var parquet = await CliRun.RunAsync(["export", "--type", "all", "--format", "parquet", "--output", PathOf("out.parquet")]);
        var csv = await CliRun.RunAsync(["export", "--type", "all", "--format", "csv"]);

        Assert.That(parquet.ExitCode, Is.Zero, parquet.Errors);
        var rows = await ReadAsync(PathOf("out.parquet"));
        var csvRows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.That(rows.Select(CsvLine), Is.EquivalentTo(csvRows), "one row shape: the same rows (accounts in the order their answers came)");
        Assert.That(rows.Select(r => r.FetchedAt), Is.All.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.That(HistoryData.AllFiles(_work), Is.EqualTo(new[] { PathOf("out.parquet") }), "no temporary file left");
    }

    /// <summary>The CSV line a row is written as (RFC 4180: a name with a comma is quoted).</summary>
    private static string CsvLine(AudienceRow r) => string.Join(',',
        r.AdAccountId, r.Type, r.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Dimension, r.Key, r.Name?.Contains(',', StringComparison.Ordinal) == true ? $"\"{r.Name}\"" : r.Name,
        r.Ratio?.ToString("R", CultureInfo.InvariantCulture), r.Index?.ToString("R", CultureInfo.InvariantCulture),
        r.Size?.ToString(CultureInfo.InvariantCulture), r.SizeIsUpperBound?.ToString().ToLowerInvariant());

    [Test]
    public async Task Resume_keeps_the_blocks_already_exported_and_adds_the_rest_once()
    {
        var first = await CliRun.RunAsync(["export", "549755885175", "--type", "your-total", "--format", "parquet", "--output", PathOf("out.parquet")]);
        var before = await ReadAsync(PathOf("out.parquet"));

        var resumed = await CliRun.RunAsync(["export", "549755885175", "549755885176", "--type", "your-total,pinterest-total", "--format", "parquet", "--output", PathOf("out.parquet"), "--resume"]);

        Assert.That((first.ExitCode, resumed.ExitCode), Is.EqualTo((0, 0)), first.Errors + resumed.Errors);
        Assert.That(resumed.Errors, Does.Contain("Exported 3 of 3").And.Contain("1 were already in the output and skipped"));
        var rows = await ReadAsync(PathOf("out.parquet"));
        Assert.That(Blocks(rows), Is.EquivalentTo(new[]
        {
            "549755885175 YOUR_TOTAL_AUDIENCE", "549755885176 YOUR_TOTAL_AUDIENCE", "549755885175 PINTEREST_TOTAL_AUDIENCE", "549755885176 PINTEREST_TOTAL_AUDIENCE",
        }), "each block once");
        Assert.That(rows.Take(before.Count), Is.EqualTo(before), "the earlier blocks as they were, fetch times included");
    }

    [TestCase("csv", "is a CSV export; resume it with --format csv")]
    [TestCase("jsonl", "is a JSON Lines export; resume it with --format jsonl")]
    public async Task Resuming_another_formats_file_as_Parquet_and_back_is_refused_and_leaves_it_untouched(string other, string expected)
    {
        await CliRun.RunAsync(["export", "549755885175", "--format", other, "--output", PathOf("out")]);
        await CliRun.RunAsync(["export", "549755885175", "--format", "parquet", "--output", PathOf("out.parquet")]);
        var (text, parquet) = (await File.ReadAllBytesAsync(PathOf("out")), await File.ReadAllBytesAsync(PathOf("out.parquet")));

        var asParquet = await CliRun.RunAsync(["export", "549755885176", "--format", "parquet", "--output", PathOf("out"), "--resume"]);
        var asText = await CliRun.RunAsync(["export", "549755885176", "--format", other, "--output", PathOf("out.parquet"), "--resume"]);

        Assert.That((asParquet.ExitCode, asText.ExitCode), Is.EqualTo((2, 2)));
        Assert.That(asParquet.Errors, Does.Contain(expected));
        Assert.That(asText.Errors, Does.Contain("is a Parquet export; resume it with --format parquet"));
        Assert.That((await File.ReadAllBytesAsync(PathOf("out")), await File.ReadAllBytesAsync(PathOf("out.parquet"))), Is.EqualTo((text, parquet)));
    }

    [Test]
    public async Task A_damaged_Parquet_file_is_named_and_not_resumed()
    {
        await CliRun.RunAsync(["export", "--format", "parquet", "--output", PathOf("out.parquet")]);
        var whole = await File.ReadAllBytesAsync(PathOf("out.parquet"));
        await File.WriteAllBytesAsync(PathOf("out.parquet"), whole[..(whole.Length / 2)]);

        var result = await CliRun.RunAsync(["export", "--format", "parquet", "--output", PathOf("out.parquet"), "--resume"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain($"--resume: {PathOf("out.parquet")} is not a readable Parquet file of audience rows").And.Contain("export to a new --output file"));
        Assert.That(await File.ReadAllBytesAsync(PathOf("out.parquet")), Is.EqualTo(whole[..(whole.Length / 2)]));
    }

    [Test]
    public async Task A_disk_that_fills_keeps_the_earlier_file_whole_and_leaves_no_temporary_file()
    {
        using var disk = TinyDisk.Mount(kilobytes: 8);
        var output = Path.Combine(disk.Path, "out.parquet");
        var first = await CliRun.RunAsync(["export", "549755885175", "--format", "parquet", "--output", output]);
        var before = await File.ReadAllBytesAsync(output);

        var resumed = await CliRun.RunAsync(["export", "--type", "all", "--format", "parquet", "--output", output, "--resume"]);

        Assert.That(first.ExitCode, Is.Zero, first.Errors);
        Assert.That(resumed.ExitCode, Is.EqualTo(1), resumed.Errors);
        Assert.That(resumed.Errors, Does.Contain("No space left on device").And.Contain("Nothing of this run was kept").And.Not.Contain("   at "));
        Assert.That(await File.ReadAllBytesAsync(output), Is.EqualTo(before), "the earlier export, whole");
        Assert.That(HistoryData.AllFiles(disk.Path), Is.EqualTo(new[] { output }));
    }

    [Test]
    public async Task Parquet_to_standard_output_is_a_whole_file()
    {
        var result = await CliRun.RunAsync(["export", "--format", "parquet"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var rows = await AudienceParquet.ReadAsync(new MemoryStream(result.BinaryOutput));
        Assert.That(Blocks(rows), Is.EquivalentTo(new[] { "549755885175 YOUR_TOTAL_AUDIENCE", "549755885176 YOUR_TOTAL_AUDIENCE", "549755885177 YOUR_TOTAL_AUDIENCE" }));
    }
}
