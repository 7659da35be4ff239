using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// Parquet (<see cref="AudienceParquet"/>): the rows of <see cref="AudienceRow"/> with typed columns, which
/// DuckDB, Spark, BigQuery and Snowflake read as they are. A Parquet file is readable only once its footer
/// is written, so the export is written to a hidden file beside the output and renamed over it when the
/// run ends: the output is always a whole file, the earlier one until then. <c>--resume</c> copies the
/// earlier file's blocks into the new one first, so nothing is lost and nothing is written twice.
/// </summary>
internal sealed class ParquetFormat() : ExportFormat("Parquet", "parquet")
{
    private const string Magic = "PAR1";

    public override bool KeepsBlocksWrittenBeforeAFailure => false;

    protected override bool Recognizes(string firstLine) => firstLine.StartsWith(Magic, StringComparison.Ordinal);

    public override async Task<ExportResume> ReadExportedAsync(string output, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(output, cancellationToken).ConfigureAwait(false);
        var exported = rows.Where(r => r.Dimension == AudienceRowDimension.Audience).Select(r => (r.AdAccountId, r.Type)).ToHashSet();
        return new ExportResume(exported, new FileInfo(output).Length);
    }

    public override async Task<ExportSink> OpenAsync(string? output, Func<Stream> standardOutput, ExportResume resume, CancellationToken cancellationToken)
    {
        var temporary = output is null
            ? Path.Combine(Path.GetTempPath(), $"pinterest-insights-{RandomHex()}.parquet.tmp")
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $".{Path.GetFileName(output)}.{RandomHex()}.tmp");
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output {output}: {e.Message}", e);
        }
        var sink = new ParquetSink(file, temporary, output, standardOutput, await AudienceParquetWriter.CreateAsync(file, cancellationToken).ConfigureAwait(false));
        if (resume.Exported.Count > 0)
            await sink.CopyAsync(await ReadRowsAsync(output!, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return sink;
    }

    private async Task<IReadOnlyList<AudienceRow>> ReadRowsAsync(string output, CancellationToken cancellationToken)
    {
        await using var stream = ExportResume.Open(output);
        // A text export's first line tells which format it is (a JSON line can be long: read it whole).
        var start = new byte[Math.Min(stream.Length, 1024 * 1024)];
        var read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var firstLine = Encoding.UTF8.GetString(start, 0, read).Split('\n')[0].TrimEnd('\r');
        if (!Recognizes(firstLine))
            throw new ArgumentException(Mismatch(output, firstLine) ?? $"--resume: {output} is not a Parquet export.");
        stream.Position = 0;
        try
        {
            return await AudienceParquet.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"--resume: {output} is {e.Message}; export to a new --output file.", e);
        }
    }

    private static string RandomHex() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    /// <summary>Writes to a hidden file and makes it the output only when whole.</summary>
    private sealed class ParquetSink(FileStream file, string temporary, string? output, Func<Stream> standardOutput, AudienceParquetWriter writer) : ExportSink
    {
        private string Destination => output ?? "standard output";

        public Task CopyAsync(IReadOnlyList<AudienceRow> rows, CancellationToken cancellationToken) => Guarded(() => writer.WriteAsync(rows, cancellationToken));

        public override Task WriteAsync(string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt, CancellationToken cancellationToken) =>
            Guarded(() => writer.WriteAsync(AudienceRow.From(adAccountId, type, insights, fetchedAt), cancellationToken));

        public override Task CompleteAsync(CancellationToken cancellationToken) => Guarded(async () =>
        {
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            await file.DisposeAsync().ConfigureAwait(false);
            if (output is not null)
            {
                File.Move(temporary, output, overwrite: true);
                return;
            }
            await using var source = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await using var destination = standardOutput();
            await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        });

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                await file.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The run already failed writing (a full disk): the file is abandoned either way.
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Hidden, and never read as an export: harmless if it stays.
            }
        }

        private async Task Guarded(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new ExportWriteException(Destination, e);
            }
        }
    }
}
