using Parquet;

namespace Pinterest.Sdk.History;

/// <summary>
/// Writes <see cref="AudienceRow"/>s to one Parquet file as they come (an export, a snapshot run): rows
/// are kept until a row group's worth has gathered, then written, each row group ending where an
/// account and type ends. The file is whole only after <see cref="CompleteAsync"/>, which writes Parquet's
/// footer: write it to a temporary name and rename it when complete.
/// </summary>
public sealed class AudienceParquetWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly List<AudienceRow> _pending = [];
    private bool _completed;

    private AudienceParquetWriter(ParquetWriter writer) => _writer = writer;

    /// <summary>The rows written so far, pending ones included.</summary>
    public long RowCount { get; private set; }

    /// <summary>Starts a Parquet file of audience rows on <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream; it is left open.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The writer.</returns>
    public static async Task<AudienceParquetWriter> CreateAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = await ParquetWriter.CreateAsync(AudienceParquet.Schema, destination, AudienceParquet.Options, append: false, cancellationToken).ConfigureAwait(false);
        return new AudienceParquetWriter(writer);
    }

    /// <summary>Adds rows; each account's and type's rows must come together, as <see cref="AudienceRow.From"/> gives them.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the rows are written or kept for the next row group.</returns>
    /// <exception cref="InvalidOperationException">The file is already complete.</exception>
    public async Task WriteAsync(IEnumerable<AudienceRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_completed, this);
        foreach (var row in rows)
        {
            // A row group ends between two blocks, never inside one, so a block's rows share its statistics.
            if (_pending.Count >= AudienceParquet.RowGroupRows && IsNewBlock(_pending[^1], row))
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            _pending.Add(row);
            RowCount++;
        }
    }

    /// <summary>Writes what is pending and Parquet's footer: the file is whole.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is whole.</returns>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
            return;
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Ends the writer; a file not completed stays without its footer (not a Parquet file).</summary>
    /// <returns>A task that completes when the writer is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_completed)
            return;
        _completed = true;
        _pending.Clear();
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The file is being abandoned (a full disk, say); its caller deletes it.
        }
    }

    private static bool IsNewBlock(AudienceRow previous, AudienceRow next) =>
        previous.Dimension == AudienceRowDimension.Audience || previous.AdAccountId != next.AdAccountId || previous.Type != next.Type;

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
            return;
        var rows = _pending;
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(AudienceParquet.Account, rows.Select(r => r.AdAccountId).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(AudienceParquet.Type, rows.Select(r => r.Type).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(AudienceParquet.Date, rows.Select(r => r.Date).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(AudienceParquet.Dimension, rows.Select(r => r.Dimension).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(AudienceParquet.Key, rows.Select(r => r.Key).ToArray()).ConfigureAwait(false);
            await group.WriteAsync(AudienceParquet.Name, rows.Select(r => r.Name).ToArray()).ConfigureAwait(false);
            await group.WriteAsync<double>(AudienceParquet.Ratio, rows.Select(r => r.Ratio).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(AudienceParquet.Index, rows.Select(r => r.Index).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(AudienceParquet.Size, rows.Select(r => r.Size).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<bool>(AudienceParquet.SizeIsUpperBound, rows.Select(r => r.SizeIsUpperBound).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(AudienceParquet.FetchedAt, rows.Select(r => r.FetchedAt.UtcDateTime).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
        }
        rows.Clear();
    }
}
