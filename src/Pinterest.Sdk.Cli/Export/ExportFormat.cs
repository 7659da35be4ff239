namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// An export format: how one account and audience type is written as a block, and how <c>--resume</c>
/// reads those blocks back. Both live here, so what is written is what is recognised.
/// </summary>
internal abstract class ExportFormat
{
    public static readonly ExportFormat JsonLines = new JsonLinesFormat();

    public static readonly ExportFormat Csv = new CsvFormat();

    private static readonly ExportFormat[] All = [JsonLines, Csv];

    /// <summary>The <c>--format</c> values.</summary>
    public static IEnumerable<string> Options => All.Select(f => f.Option);

    /// <summary>The format <c>--format <paramref name="option"/></c> selects (one of <see cref="Options"/>).</summary>
    public static ExportFormat FromOption(string option) => All.Single(f => f.Option == option);

    /// <summary>The format's name in messages ("CSV").</summary>
    public abstract string Name { get; }

    /// <summary>The <c>--format</c> value that selects it.</summary>
    public abstract string Option { get; }

    /// <summary>The first line of a file, before any block; <see langword="null"/> when there is none.</summary>
    public virtual string? Header => null;

    /// <summary>Writes the block of one account and type, each line ending with <c>\n</c>.</summary>
    public abstract void WriteBlock(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights);

    /// <summary>The account and type a whole line of a block belongs to, and whether it ends the block; <see langword="null"/> when it is not such a line.</summary>
    public abstract BlockLine? ReadLine(string line);

    /// <summary>Checks a file's first line, when the format has a <see cref="Header"/>.</summary>
    /// <exception cref="ArgumentException">It is not this format's header; the message says what the file is.</exception>
    public virtual void CheckHeader(string output, string line)
    {
        if (line != Header)
            throw new ArgumentException(Mismatch(output, line) ?? $"--resume: {output} is not a {Name} export (its first line is not \"{Header}\").");
    }

    /// <summary>What to say when the line shows the file is another format's export; <see langword="null"/> when it does not.</summary>
    public string? Mismatch(string output, string firstLine) =>
        All.FirstOrDefault(f => f != this && f.Recognizes(firstLine)) is { } other
            ? $"--resume: {output} is a {other.Name} export; resume it with --format {other.Option}."
            : null;

    /// <summary>Whether a file's first line shows it is an export of this format.</summary>
    protected virtual bool Recognizes(string firstLine) => Header is null ? ReadLine(firstLine) is not null : firstLine == Header;

    protected static bool IsId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}

/// <summary>A line of an export read back: the block it belongs to, and whether it is the block's last.</summary>
internal readonly record struct BlockLine(string AdAccountId, string Type, bool EndsBlock);
