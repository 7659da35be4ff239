using System.Security.Cryptography;
using System.Text;
using Pinterest.Sdk.Cli.Export;

namespace Pinterest.Sdk.Cli.History;

/// <summary>
/// An earlier <c>export --format jsonl</c> file read for <c>snapshot --import</c>: each line's snapshot,
/// fetched (as far as can be known) when the file was last written, and a run id made from the file's
/// content, so importing the same file again finds its files already stored and changes nothing.
/// </summary>
internal sealed record HistoryImport(string RunId, IReadOnlyList<AudienceSnapshot> Snapshots)
{
    /// <summary>Reads <paramref name="path"/> (standard input for <c>-</c>) whole.</summary>
    /// <exception cref="ArgumentException">The file cannot be read, or a line is not a whole line of a JSON Lines export (its number is named).</exception>
    public static async Task<HistoryImport> ReadAsync(string path, CliContext context, CancellationToken cancellationToken)
    {
        byte[] content;
        DateTimeOffset fetchedAt;
        try
        {
            if (path == "-")
            {
                await using var input = context.OpenStandardInput();
                using var buffer = new MemoryStream();
                await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                content = buffer.ToArray();
                fetchedAt = context.Clock.GetUtcNow();
            }
            else
            {
                content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                fetchedAt = File.GetLastWriteTimeUtc(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--import {path}: {e.Message}", e);
        }

        var name = path == "-" ? "standard input" : path;
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        var snapshots = new List<AudienceSnapshot>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (i == lines.Length - 1)
                throw new ArgumentException($"--import {name}: line {i + 1} is cut short (an interrupted export?): finish it with 'export --resume', or remove the line.");
            var read = JsonLinesFormat.ReadSnapshot(line)
                ?? throw new ArgumentException($"--import {name}: line {i + 1} is not a line of a JSON Lines export (pinterest-insights export --format jsonl).");
            snapshots.Add(new AudienceSnapshot(read.AdAccountId, read.Type, read.Response, fetchedAt));
        }
        if (snapshots.Count == 0)
            throw new ArgumentException($"--import {name}: no exported audience in it.");
        var runId = "import-" + Convert.ToHexString(SHA256.HashData(content), 0, 8).ToLowerInvariant();
        return new HistoryImport(runId, snapshots);
    }
}
