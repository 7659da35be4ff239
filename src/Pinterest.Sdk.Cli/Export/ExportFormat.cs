namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// An export format: how the accounts and types of an export are written (<see cref="Open"/>), and
/// how <c>--resume</c> reads back what an earlier run wrote (<see cref="ReadExportedAsync"/>). Both live
/// in each format, so what is written is what is recognised.
/// </summary>
/// <param name="name">The format's name in messages ("CSV").</param>
/// <param name="option">The <c>--format</c> value that selects it.</param>
internal abstract class ExportFormat(string name, string option)
{
    public static readonly TextExportFormat JsonLines = new JsonLinesFormat();

    public static readonly TextExportFormat Csv = new CsvFormat();

    public static readonly ExportFormat Parquet = new ParquetFormat();

    private static readonly ExportFormat[] All = [JsonLines, Csv, Parquet];

    /// <summary>The <c>--format</c> values.</summary>
    public static IEnumerable<string> Options => All.Select(f => f.Option);

    /// <summary>The format <c>--format <paramref name="option"/></c> selects (one of <see cref="Options"/>).</summary>
    public static ExportFormat FromOption(string option) => All.Single(f => f.Option == option);

    /// <summary>The format's name in messages ("CSV").</summary>
    public string Name { get; } = name;

    /// <summary>The <c>--format</c> value that selects it.</summary>
    public string Option { get; } = option;

    /// <summary>Whether a failed write keeps the blocks written before it in the output (text: yes; Parquet is whole or not at all).</summary>
    public abstract bool KeepsBlocksWrittenBeforeAFailure { get; }

    /// <summary>What an earlier run wrote to <paramref name="output"/>, an existing file; the file is not changed.</summary>
    /// <exception cref="ArgumentException">It is not an export of this format, or cannot be read (the message names the option).</exception>
    public abstract Task<ExportResume> ReadExportedAsync(string output, CancellationToken cancellationToken);

    /// <summary>Opens the output: <paramref name="output"/> (after what <paramref name="resume"/> keeps), or standard output when null.</summary>
    /// <exception cref="ArgumentException">The file cannot be opened (the message names <c>--output</c>).</exception>
    public abstract Task<ExportSink> OpenAsync(string? output, Func<Stream> standardOutput, ExportResume resume, CancellationToken cancellationToken);

    /// <summary>What to say when a file's first line shows it is another format's export; <see langword="null"/> when it does not.</summary>
    public string? Mismatch(string output, string firstLine) =>
        All.FirstOrDefault(f => f != this && f.Recognizes(firstLine)) is { } other
            ? $"--resume: {output} is a {other.Name} export; resume it with --format {other.Option}."
            : null;

    /// <summary>Whether a file's first line shows it is an export of this format.</summary>
    protected abstract bool Recognizes(string firstLine);

    protected static bool IsId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}

/// <summary>Where an export's blocks go: each account and type is written whole, or not at all.</summary>
internal abstract class ExportSink : IAsyncDisposable
{
    /// <summary>Writes the block of one account and type.</summary>
    /// <exception cref="ExportWriteException">The output refused the write.</exception>
    public abstract Task WriteAsync(string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt, CancellationToken cancellationToken);

    /// <summary>Ends the output: everything written is in it.</summary>
    /// <exception cref="ExportWriteException">The output refused the write.</exception>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A line of an export read back: the block it belongs to, and whether it is the block's last.</summary>
internal readonly record struct BlockLine(string AdAccountId, string Type, bool EndsBlock);
