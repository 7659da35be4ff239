namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// A format of text lines (JSON Lines, CSV): each account and type is a block of whole lines, written
/// at once and appended, so only the last block of a file can be cut short, and <c>--resume</c> cuts it
/// off and appends after the last whole one.
/// </summary>
internal abstract class TextExportFormat(string name, string option) : ExportFormat(name, option)
{
    /// <summary>The first line of a file, before any block; <see langword="null"/> when there is none.</summary>
    public virtual string? Header => null;

    public override bool KeepsBlocksWrittenBeforeAFailure => true;

    /// <summary>Writes the block of one account and type, each line ending with <c>\n</c>.</summary>
    public abstract void WriteBlock(TextWriter block, string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt);

    /// <summary>The account and type a whole line of a block belongs to, and whether it ends the block; <see langword="null"/> when it is not such a line.</summary>
    public abstract BlockLine? ReadLine(string line);

    /// <summary>Checks a file's first line, when the format has a <see cref="Header"/>.</summary>
    /// <exception cref="ArgumentException">It is not this format's header; the message says what the file is.</exception>
    public virtual void CheckHeader(string output, string line)
    {
        if (line != Header)
            throw new ArgumentException(Mismatch(output, line) ?? $"--resume: {output} is not a {Name} export (its first line is not \"{Header}\").");
    }

    protected override bool Recognizes(string firstLine) => Header is null ? ReadLine(firstLine) is not null : firstLine == Header;

    public override Task<ExportResume> ReadExportedAsync(string output, CancellationToken cancellationToken) =>
        ExportResume.ReadLinesAsync(output, this, cancellationToken);

    public override Task<ExportSink> OpenAsync(string? output, Func<Stream> standardOutput, ExportResume resume, CancellationToken cancellationToken)
    {
        var append = resume.WholeLength > 0;
        var stream = output is null ? standardOutput() : OpenFile(output, append ? resume.WholeLength : null);
        return Task.FromResult<ExportSink>(new ExportWriter(this, stream, output ?? "standard output", writeHeader: !append));
    }

    /// <param name="path">The file.</param>
    /// <param name="wholeLength">For <c>--resume</c>: the length to keep (the whole blocks) before appending; <see langword="null"/> to start a new file.</param>
    private static FileStream OpenFile(string path, long? wholeLength)
    {
        try
        {
            // Unbuffered: each block goes to the file in one write, and nothing is left to fail on close.
            var stream = new FileStream(path, wholeLength is null ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
            if (wholeLength is { } keep)
            {
                stream.SetLength(keep);
                stream.Seek(0, SeekOrigin.End);
            }
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {path}: {e.Message}", e);
        }
    }
}
