using Pinterest.Sdk.Cli.Export;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Tests.Cli.Export;

/// <summary>
/// <c>--resume</c> reads back what the export formats write: every whole block is found, a block an
/// interruption cut short is not, and a file of the other format (or no export) is refused.
/// </summary>
public class ExportResumeTests
{
    private static readonly (string Account, AudienceInsightType Type)[] Blocks =
    [
        ("549755885175", AudienceInsightType.YourTotalAudience),
        ("549755885176", AudienceInsightType.YourTotalAudience),
        ("549755885175", AudienceInsightType.PinterestTotalAudience),
    ];

    /// <summary>The formats of text lines (Parquet, whole or not at all, has its own tests).</summary>
    private static readonly string[] Formats = [ExportFormat.JsonLines.Option, ExportFormat.Csv.Option];

    private string _file = null!;

    [SetUp]
    public void CreateFile() => _file = Path.GetTempFileName();

    [TearDown]
    public void DeleteFile() => File.Delete(_file);

    /// <summary>Writes <see cref="Blocks"/> with the sample data, as an export does; returns the file's length after each block.</summary>
    private async Task<long[]> WriteAsync(TextExportFormat format)
    {
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient();
        await using var output = new FileStream(_file, FileMode.Create);
        var writer = new ExportWriter(format, output, _file, writeHeader: true);
        var ends = new List<long>();
        foreach (var (account, type) in Blocks)
        {
            await writer.WriteAsync(account, type, await client.GetAudienceInsightsAsync(account, type), DateTimeOffset.UtcNow, CancellationToken.None);
            ends.Add(output.Length);
        }
        return [.. ends];
    }

    private static (string, string) Key((string Account, AudienceInsightType Type) block) => (block.Account, block.Type.ToWireValue());

    [TestCaseSource(nameof(Formats))]
    public async Task Every_block_written_is_read_back_and_the_whole_file_is_kept(string option)
    {
        var format = (TextExportFormat)ExportFormat.FromOption(option);
        await WriteAsync(format);

        var resume = await ExportResume.ReadAsync(_file, format, CancellationToken.None);

        Assert.That(resume.Exported, Is.EquivalentTo(Blocks.Select(Key)));
        Assert.That(resume.WholeLength, Is.EqualTo(new FileInfo(_file).Length));
    }

    /// <summary>Cut anywhere inside the last block, the blocks before it are kept, and it is to be exported again.</summary>
    [TestCaseSource(nameof(Formats))]
    public async Task A_last_block_cut_short_anywhere_is_not_exported_and_is_cut_off(string option)
    {
        var format = (TextExportFormat)ExportFormat.FromOption(option);
        var ends = await WriteAsync(format);
        var whole = await File.ReadAllBytesAsync(_file);

        for (var cut = ends[1] + 1; cut < ends[2]; cut += Math.Max(1, (ends[2] - ends[1]) / 50))
        {
            await File.WriteAllBytesAsync(_file, whole[..(int)cut]);

            var resume = await ExportResume.ReadAsync(_file, format, CancellationToken.None);

            Assert.That(resume.Exported, Is.EquivalentTo(Blocks.Take(2).Select(Key)), $"cut at byte {cut}");
            Assert.That(resume.WholeLength, Is.EqualTo(ends[1]), $"cut at byte {cut}");
            Assert.That(new FileInfo(_file).Length, Is.EqualTo(cut), "reading changes nothing");
        }
    }

    [Test]
    public async Task A_file_of_the_other_format_names_the_format_to_resume_it_with()
    {
        await WriteAsync(ExportFormat.Csv);
        var asJson = Assert.ThrowsAsync<ArgumentException>(() => ExportResume.ReadAsync(_file, ExportFormat.JsonLines, CancellationToken.None));
        await WriteAsync(ExportFormat.JsonLines);
        var asCsv = Assert.ThrowsAsync<ArgumentException>(() => ExportResume.ReadAsync(_file, ExportFormat.Csv, CancellationToken.None));

        Assert.That(asJson!.Message, Does.Contain("is a CSV export; resume it with --format csv"));
        Assert.That(asCsv!.Message, Does.Contain("is a JSON Lines export; resume it with --format jsonl"));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task A_line_that_is_no_block_of_the_format_is_refused_with_its_number(string option)
    {
        var format = (TextExportFormat)ExportFormat.FromOption(option);
        var ends = await WriteAsync(format);
        var text = await File.ReadAllTextAsync(_file);
        var lineOfSecondBlock = text[..(int)ends[0]].Count(c => c == '\n') + 1;
        await File.WriteAllTextAsync(_file, text[..(int)ends[0]] + "not an export line\n" + text[(int)ends[0]..]);

        var refused = Assert.ThrowsAsync<ArgumentException>(() => ExportResume.ReadAsync(_file, format, CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain($"line {lineOfSecondBlock} of {_file} is not a line of a {format.Name} export"));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task A_missing_or_empty_file_holds_nothing(string option)
    {
        var format = ExportFormat.FromOption(option);
        var empty = await ExportResume.ReadAsync(_file, format, CancellationToken.None);
        File.Delete(_file);
        var missing = await ExportResume.ReadAsync(_file, format, CancellationToken.None);

        Assert.That((empty.Exported, empty.WholeLength, missing.Exported, missing.WholeLength), Is.EqualTo((ExportResume.Nothing.Exported, 0L, ExportResume.Nothing.Exported, 0L)));
        Assert.That(empty.Exported, Is.Empty);
    }
}
