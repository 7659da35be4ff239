using Parquet;
using Parquet.Schema;

namespace Pinterest.Sdk.History;

/// <summary>
/// <see cref="AudienceRow"/>s in Parquet, with typed columns: <c>date</c> a DATE, <c>ratio</c> and
/// <c>index</c> doubles, <c>size</c> an INT64, <c>size_is_upper_bound</c> a BOOLEAN, <c>fetched_at</c> a UTC
/// TIMESTAMP (milliseconds), the rest strings; Zstandard-compressed. Files written by an earlier row shape
/// (fewer columns) still read: a missing column reads as empty.
/// </summary>
public static class AudienceParquet
{
    /// <summary>Rows a row group holds before the next account starts a new one: small enough that reading one account skips most of a file, large enough to compress well.</summary>
    internal const int RowGroupRows = 2048;

    internal static readonly DataField<string> Account = new("account", false);
    internal static readonly DataField<string> Type = new("type", false);
    internal static readonly DataField<DateOnly?> Date = new("date");
    internal static readonly DataField<string> Dimension = new("dimension", false);
    internal static readonly DataField<string?> Key = new("key");
    internal static readonly DataField<string?> Name = new("name");
    internal static readonly DataField<double?> Ratio = new("ratio");
    internal static readonly DataField<double?> Index = new("index");
    internal static readonly DataField<long?> Size = new("size");
    internal static readonly DataField<bool?> SizeIsUpperBound = new("size_is_upper_bound");
    internal static readonly DateTimeDataField FetchedAt = new("fetched_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);

    /// <summary>The columns, in order: the CSV's ten, then <c>fetched_at</c>.</summary>
    internal static ParquetSchema Schema { get; } = new(Account, Type, Date, Dimension, Key, Name, Ratio, Index, Size, SizeIsUpperBound, FetchedAt);

    internal static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Zstd, UseDateOnlyTypeForDates = true };

    /// <summary>Writes <paramref name="rows"/> as one Parquet file to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream; it is left open.</param>
    /// <param name="rows">The rows, each account's and type's together (as <see cref="AudienceRow.From"/> gives them).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is whole.</returns>
    public static async Task WriteAsync(Stream destination, IEnumerable<AudienceRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = await AudienceParquetWriter.CreateAsync(destination, cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every row of a Parquet file of audience rows.</summary>
    /// <param name="source">A readable, seekable stream; it is left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="InvalidDataException">It is not a Parquet file of audience rows (damaged, cut short, or another table); the message says why.</exception>
    public static Task<IReadOnlyList<AudienceRow>> ReadAsync(Stream source, CancellationToken cancellationToken = default) =>
        ReadAsync(source, null, DateTimeOffset.UnixEpoch, cancellationToken);

    /// <param name="source">The file.</param>
    /// <param name="adAccountId">Only this account's rows (row groups whose statistics exclude it are not read); <see langword="null"/> for all.</param>
    /// <param name="missingFetchedAt">What <c>fetched_at</c> reads as in a file written before it was a column.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    internal static async Task<IReadOnlyList<AudienceRow>> ReadAsync(Stream source, string? adAccountId, DateTimeOffset missingFetchedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            await using var reader = await ParquetReader.CreateAsync(source, Options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            var columns = new FileColumns(reader.Schema);
            var rows = new List<AudienceRow>();
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rowGroup = reader.OpenRowGroupReader(group);
                if (adAccountId is not null && !MayHold(rowGroup, adAccountId))
                    continue;
                await columns.ReadAsync(rowGroup, adAccountId, missingFetchedAt, rows, cancellationToken).ConfigureAwait(false);
            }
            return rows;
        }
        catch (Exception e) when (e is not (InvalidDataException or OperationCanceledException) && IsDamage(e))
        {
            throw new InvalidDataException($"not a readable Parquet file of audience rows: {e.Message}", e);
        }
    }

    /// <summary>Whether a row group's statistics leave room for the account (no statistics: it may).</summary>
    private static bool MayHold(ParquetRowGroupReader rowGroup, string adAccountId)
    {
        var statistics = rowGroup.GetStatistics(Account);
        return statistics?.MinValue?.ToString() is not { } min || statistics.MaxValue?.ToString() is not { } max
            || (string.CompareOrdinal(min, adAccountId) <= 0 && string.CompareOrdinal(adAccountId, max) <= 0);
    }

    /// <summary>What a damaged or foreign file makes the Parquet reader throw (anything but a bug of ours or the caller's cancellation).</summary>
    private static bool IsDamage(Exception e) => e is IOException or FormatException or NotSupportedException or InvalidOperationException
        or ArgumentException or IndexOutOfRangeException or InvalidCastException or OverflowException or NullReferenceException or Parquet.ParquetException;

    /// <summary>The columns a file has, checked against the row shape's types.</summary>
    private sealed class FileColumns
    {
        private readonly HashSet<string> _present;

        public FileColumns(ParquetSchema schema)
        {
            var fields = schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            foreach (var required in new DataField[] { Account, Type, Dimension })
            {
                if (!fields.ContainsKey(required.Name))
                    throw new InvalidDataException($"it has no '{required.Name}' column, so it is not a file of audience rows");
            }
            foreach (var expected in Schema.GetDataFields())
            {
                if (fields.TryGetValue(expected.Name, out var actual) && !SameType(expected, actual))
                    throw new InvalidDataException($"its '{expected.Name}' column holds {actual.ClrType.Name}, not {expected.ClrType.Name}");
            }
            _present = [.. fields.Keys];
        }

        private static bool SameType(DataField expected, DataField actual) =>
            actual.ClrType == expected.ClrType || (expected.ClrType == typeof(string) && actual.ClrType == typeof(ReadOnlyMemory<char>));

        public async Task ReadAsync(ParquetRowGroupReader rowGroup, string? adAccountId, DateTimeOffset missingFetchedAt, List<AudienceRow> rows, CancellationToken cancellationToken)
        {
            var count = checked((int)rowGroup.RowCount);
            var account = await Strings(rowGroup, Account, count, cancellationToken).ConfigureAwait(false);
            var matches = adAccountId is null ? count : account.Count(a => a == adAccountId);
            if (matches == 0)
                return;
            var type = await Strings(rowGroup, Type, count, cancellationToken).ConfigureAwait(false);
            var date = await Values(rowGroup, Date, count, cancellationToken).ConfigureAwait(false);
            var dimension = await Strings(rowGroup, Dimension, count, cancellationToken).ConfigureAwait(false);
            var key = await Strings(rowGroup, Key, count, cancellationToken).ConfigureAwait(false);
            var name = await Strings(rowGroup, Name, count, cancellationToken).ConfigureAwait(false);
            var ratio = await Values(rowGroup, Ratio, count, cancellationToken).ConfigureAwait(false);
            var index = await Values(rowGroup, Index, count, cancellationToken).ConfigureAwait(false);
            var size = await Values(rowGroup, Size, count, cancellationToken).ConfigureAwait(false);
            var upperBound = await Values(rowGroup, SizeIsUpperBound, count, cancellationToken).ConfigureAwait(false);
            var fetchedAt = await FetchedAtValues(rowGroup, count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (adAccountId is not null && account[i] != adAccountId)
                    continue;
                rows.Add(new AudienceRow(
                    account[i] ?? throw Missing(Account), type[i] ?? throw Missing(Type), date[i], dimension[i] ?? throw Missing(Dimension),
                    key[i], name[i], ratio[i], index[i], size[i], upperBound[i],
                    fetchedAt is null ? missingFetchedAt : new DateTimeOffset(DateTime.SpecifyKind(fetchedAt[i], DateTimeKind.Utc))));
            }
        }

        private static InvalidDataException Missing(DataField field) => new($"a row has no '{field.Name}'");

        private async Task<string?[]> Strings(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
        {
            var values = new string?[count];
            if (_present.Contains(field.Name))
                await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        private async Task<T?[]> Values<T>(ParquetRowGroupReader rowGroup, DataField<T?> field, int count, CancellationToken cancellationToken)
            where T : struct
        {
            var values = new T?[count];
            if (_present.Contains(field.Name))
                await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        private async Task<DateTime[]?> FetchedAtValues(ParquetRowGroupReader rowGroup, int count, CancellationToken cancellationToken)
        {
            if (!_present.Contains(FetchedAt.Name))
                return null;
            var values = new DateTime[count];
            await rowGroup.ReadAsync<DateTime>(FetchedAt, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }
    }
}
