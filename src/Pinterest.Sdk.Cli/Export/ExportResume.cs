using System.Text;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// For <c>--resume</c>: what an earlier run already wrote to the output. Each account and type is a
/// block written at once, so only the last block can be cut short by an interrupted run; whatever
/// follows the last whole block (<see cref="WholeLength"/>) is to be cut off before appending, and that
/// account is exported again.
/// </summary>
/// <param name="Exported">The accounts and types (wire value) whose blocks are whole.</param>
/// <param name="WholeLength">The bytes up to the end of the last whole block (the header, for a CSV file with no block).</param>
internal sealed record ExportResume(IReadOnlySet<(string AdAccountId, string Type)> Exported, long WholeLength)
{
    /// <summary>Nothing exported yet: a new or empty file.</summary>
    public static readonly ExportResume Nothing = new(new HashSet<(string, string)>(), 0);

    /// <summary>Reads <paramref name="output"/> back through <paramref name="format"/>; the file is not changed.</summary>
    /// <exception cref="ArgumentException">The file is not an export of <paramref name="format"/>, or cannot be read (the message names the option).</exception>
    public static Task<ExportResume> ReadAsync(string output, ExportFormat format, CancellationToken cancellationToken) =>
        File.Exists(output) && new FileInfo(output).Length > 0 ? format.ReadExportedAsync(output, cancellationToken) : Task.FromResult(Nothing);

    /// <summary>Reads the blocks of a text export: whole lines, the last block possibly cut short.</summary>
    public static async Task<ExportResume> ReadLinesAsync(string output, TextExportFormat format, CancellationToken cancellationToken)
    {
        var exported = new HashSet<(string, string)>();
        await using var stream = Open(output);
        long wholeLength = 0;
        var lineNumber = 0;
        await foreach (var (line, end, complete) in LinesAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (lineNumber == 1 && format.Header is not null)
            {
                format.CheckHeader(output, line);
                wholeLength = end;
                continue;
            }
            if (!complete)
                break; // the line an interrupted run left unfinished
            var read = format.ReadLine(line) ?? throw new ArgumentException(
                (lineNumber == 1 ? format.Mismatch(output, line) : null) ?? $"--resume: line {lineNumber} of {output} is not a line of a {format.Name} export.");
            if (read.EndsBlock)
            {
                exported.Add((read.AdAccountId, read.Type));
                wholeLength = end;
            }
        }
        return new ExportResume(exported, wholeLength);
    }

    /// <summary>The file's lines, each with the byte offset just past its newline; the last may lack its newline.</summary>
    private static async IAsyncEnumerable<(string Line, long End, bool Complete)> LinesAsync(FileStream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var length = stream.Length; // a device such as /dev/full reads forever: only what the file holds
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        long position = 0;
        while (position < length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - position)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            var offset = 0;
            while (offset < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', offset, read - offset);
                if (newline < 0)
                {
                    line.Write(buffer, offset, read - offset);
                    break;
                }
                line.Write(buffer, offset, newline - offset);
                yield return (Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), position + newline + 1, true);
                line.SetLength(0);
                offset = newline + 1;
            }
            position += read;
        }
        if (line.Length > 0)
            yield return (Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), length, false);
    }

    public static FileStream Open(string output)
    {
        try
        {
            return new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {output}: {e.Message}", e);
        }
    }
}
