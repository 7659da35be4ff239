using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>Where the ad account ids of an export come from, and what an earlier run already wrote.</summary>
internal static class AccountSources
{
    /// <summary>
    /// The ids given as arguments, then those of <paramref name="file"/> (standard input for <c>-</c>),
    /// one per line; <c>#</c> starts a comment (a line of its own or after an id), blank lines are skipped.
    /// </summary>
    public static async Task<List<string>> ReadAsync(IReadOnlyList<string> arguments, string? file, CancellationToken cancellationToken)
    {
        var ids = arguments.Select(a => a.Trim()).ToList();
        if (file is null)
            return ids;
        using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : OpenText(file);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var id = (comment < 0 ? line : line[..comment]).Trim();
            if (id.Length > 0)
                ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// For <c>--resume</c>: the accounts and types <paramref name="output"/> already holds whole. Each is a
    /// block written at once (a JSON line; CSV rows ending with the <c>audience</c> row), so only the last
    /// block can be cut short by an interrupted run: whatever follows the last whole block is removed
    /// from the file, and that account is exported again.
    /// </summary>
    /// <exception cref="ArgumentException">The file is not an export of <paramref name="format"/> (the message names the option).</exception>
    public static async Task<HashSet<(string Account, string Type)>> ResumeAsync(string output, ExportFormat format, CancellationToken cancellationToken)
    {
        var done = new HashSet<(string, string)>();
        if (!File.Exists(output))
            return done;
        await using var stream = Open(output);
        long endOfWholeBlocks = 0;
        var lineNumber = 0;
        await foreach (var (line, end, complete) in LinesAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (lineNumber == 1 && format == ExportFormat.Csv)
            {
                CheckCsvHeader(output, line);
                endOfWholeBlocks = end;
                continue;
            }
            if (!complete)
                break; // the line an interrupted run left unfinished
            var (key, endsBlock) = KeyOf(line, format) ?? throw new ArgumentException(NotAnExport(output, format, line, lineNumber));
            if (endsBlock)
            {
                done.Add(key);
                endOfWholeBlocks = end;
            }
        }
        stream.SetLength(Math.Min(stream.Length, endOfWholeBlocks));
        return done;
    }

    private static void CheckCsvHeader(string output, string header)
    {
        if (header == CsvExportWriter.Header)
            return;
        if (header == CsvExportWriter.HeaderWithoutSize)
            throw new ArgumentException($"--resume: {output} was written by an earlier version, without the size columns; export to a new --output file.");
        throw new ArgumentException(header.StartsWith('{')
            ? $"--resume: {output} is a JSON Lines export; resume it with --format jsonl."
            : $"--resume: {output} is not a CSV export (its first line is not \"{CsvExportWriter.Header}\").");
    }

    private static string NotAnExport(string output, ExportFormat format, string line, int lineNumber) =>
        format == ExportFormat.JsonLines && line.StartsWith(CsvExportWriter.HeaderWithoutSize, StringComparison.Ordinal)
            ? $"--resume: {output} is a CSV export; resume it with --format csv."
            : $"--resume: line {lineNumber} of {output} is not a line of a {(format == ExportFormat.Csv ? "CSV" : "JSON Lines")} export.";

    /// <summary>The account and type a line belongs to, and whether it ends their block; <see langword="null"/> when it has none.</summary>
    private static ((string, string) Key, bool EndsBlock)? KeyOf(string line, ExportFormat format)
    {
        if (format == ExportFormat.Csv)
        {
            // "account,type,date,dimension,…": none of these needs quoting (digits, wire values, a date).
            var fields = line.Split(',', 5);
            return fields.Length == 5 && IsId(fields[0]) && fields[1].Length > 0 ? ((fields[0], fields[1]), fields[3] == CsvExportWriter.BlockEnd) : null;
        }
        try
        {
            using var reader = new JsonTextReader(new StringReader(line));
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                return null;
            string? account = null, type = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string?)reader.Value;
                reader.Read();
                if (name == JsonLinesExportWriter.AccountProperty)
                    account = reader.Value as string;
                else if (name == JsonLinesExportWriter.TypeProperty)
                    type = reader.Value as string;
                else
                    reader.Skip();
            }
            return reader.TokenType == JsonToken.EndObject && account is not null && IsId(account) && type is not null ? ((account, type), true) : null;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static bool IsId(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

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

    private static FileStream Open(string output)
    {
        try
        {
            return new FileStream(output, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {output}: {e.Message}", e);
        }
    }

    private static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--accounts-file {path}: {e.Message}", e);
        }
    }
}
