using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>Where the ad account ids of an export come from, and which of them an earlier run already wrote.</summary>
internal static class AccountSources
{
    /// <summary>
    /// The ids given as arguments, then those of <paramref name="file"/> (standard input for <c>-</c>),
    /// one per line; blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    public static async Task<List<string>> ReadAsync(IReadOnlyList<string> arguments, string? file, CancellationToken cancellationToken)
    {
        var ids = arguments.Select(a => a.Trim()).ToList();
        if (file is null)
            return ids;
        using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : OpenText(file, "--accounts-file");
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var id = line.Trim();
            if (id.Length > 0 && !id.StartsWith('#'))
                ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// The ad accounts already in <paramref name="output"/> (first CSV column, or <c>ad_account_id</c> of
    /// each JSON line). A last line cut short by an interrupted run is removed, so its account is exported again.
    /// </summary>
    public static async Task<HashSet<string>> ExportedAsync(string output, ExportFormat format, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(output))
            return done;
        TrimUnfinishedLine(output);
        using var reader = OpenText(output, "--output");
        var first = true;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
                continue;
            if (format == ExportFormat.Csv)
            {
                if (!(first && line.StartsWith(CsvExportWriter.Header, StringComparison.Ordinal)))
                    done.Add(line[..Math.Max(0, line.IndexOf(',', StringComparison.Ordinal))]);
            }
            else
            {
                done.Add(AccountOfJsonLine(line) ?? throw new ArgumentException($"--resume: {output} has a line that is not an export's JSON line; is it a {format} export?"));
            }
            first = false;
        }
        return done;
    }

    private static string? AccountOfJsonLine(string line)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(line));
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string?)reader.Value;
                reader.Read();
                if (name == JsonLinesExportWriter.AccountProperty)
                    return reader.Value as string;
                reader.Skip();
            }
            return null;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    private static void TrimUnfinishedLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        if (stream.Length == 0)
            return;
        // Walk back to the last newline; what follows it is a line an interrupted run did not finish.
        var position = stream.Length;
        var buffer = new byte[1];
        while (position > 0)
        {
            stream.Position = position - 1;
            stream.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n')
                break;
            position--;
        }
        stream.SetLength(position);
    }

    private static StreamReader OpenText(string path, string option)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} {path}: {e.Message}", e);
        }
    }
}
