using System.Globalization;
using System.Security.Cryptography;

namespace Pinterest.Sdk.History;

/// <summary>
/// A folder of audience snapshots, Hive-partitioned by day: <c>&lt;store&gt;/snapshot_date=YYYY-MM-DD/&lt;run-id&gt;.parquet</c>.
/// Each run adds files and never changes one, so runs at once (replicas, a schedule and a person) lose
/// nothing; a file is written under a hidden temporary name and renamed when whole, so a reader (this
/// class, DuckDB, Spark) never sees half of one. When an account's audience of one type was stored
/// twice for a day, the later fetch wins on reading, so a repeated run never double-counts.
/// </summary>
public sealed class AudienceHistoryStore
{
    private const string PartitionPrefix = "snapshot_date=";
    private const string DateFormat = "yyyy-MM-dd";
    private const string Extension = ".parquet";
    private readonly TimeProvider _clock;

    /// <summary>A store in <paramref name="directory"/> (created on the first write).</summary>
    /// <param name="directory">The store's folder.</param>
    /// <param name="timeProvider">The clock run ids are named by; the system clock by default.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    public AudienceHistoryStore(string directory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The store's folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The folder of one day's snapshots.</summary>
    /// <param name="snapshotDate">The day.</param>
    /// <returns>Its full path (<c>snapshot_date=YYYY-MM-DD</c> in <see cref="Directory"/>).</returns>
    public string PartitionOf(DateOnly snapshotDate) =>
        Path.Combine(Directory, PartitionPrefix + snapshotDate.ToString(DateFormat, CultureInfo.InvariantCulture));

    /// <summary>A new run id: the time (UTC, to the second) and 8 random hex digits, so runs sort by time and never collide.</summary>
    /// <returns>For example <c>20261206T195112Z-3f9a1c2b</c>.</returns>
    public string NewRunId() =>
        _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + RandomHex();

    /// <summary>Checks that the store can be written: creates its folder and writes and deletes a probe file.</summary>
    /// <exception cref="IOException">The path is a file, or the folder cannot be created or written; the message names it.</exception>
    public void EnsureWritable()
    {
        if (File.Exists(Directory))
            throw new IOException($"{Directory} is a file, not a folder.");
        var probe = Path.Combine(Directory, $".probe-{RandomHex()}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"{Directory} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>
    /// Stores <paramref name="snapshots"/> as one file per snapshot day, named by <paramref name="runId"/>. A
    /// file of that name already there is left as it is (the same run stored again changes nothing).
    /// </summary>
    /// <param name="snapshots">The answers; of several for one account, type and day, the latest fetch is kept.</param>
    /// <param name="runId">The files' name (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>); <see cref="NewRunId"/> when null.</param>
    /// <param name="cancellationToken">Cancels the write (no partial file is left).</param>
    /// <returns>The files, one per snapshot day, by day.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is not a plain file name.</exception>
    /// <exception cref="AudienceHistoryWriteException">A file could not be written; nothing of it is visible, and the exception lists the files stored before.</exception>
    public async Task<IReadOnlyList<StoredFile>> WriteAsync(IEnumerable<AudienceSnapshot> snapshots, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        runId ??= NewRunId();
        if (runId.Length == 0 || runId[0] == '.' || runId[0] == '_' || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"Run id '{runId}' is not a plain file name (letters, digits, '-', '_', '.'; not starting with '.' or '_').", nameof(runId));

        var stored = new List<StoredFile>();
        foreach (var day in snapshots
            .GroupBy(s => (s.AdAccountId, s.Type, s.SnapshotDate))
            .Select(g => g.MaxBy(s => s.FetchedAt)!)
            .GroupBy(s => s.SnapshotDate)
            .OrderBy(g => g.Key))
        {
            var partition = PartitionOf(day.Key);
            var path = Path.Combine(partition, runId + Extension);
            var ordered = day.OrderBy(s => s.AdAccountId, StringComparer.Ordinal).ThenBy(s => s.Type).ToList();
            try
            {
                stored.Add(await WriteFileAsync(partition, path, day.Key, ordered, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AudienceHistoryWriteException(path, stored, e);
            }
        }
        return stored;
    }

    private static async Task<StoredFile> WriteFileAsync(string partition, string path, DateOnly date, List<AudienceSnapshot> snapshots, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
            return new StoredFile(path, date, snapshots.Count, 0, AlreadyStored: true);
        System.IO.Directory.CreateDirectory(partition);
        // Hidden and not *.parquet: no reader (nor a glob such as */*.parquet) takes it for data.
        var temporary = Path.Combine(partition, $".{Path.GetFileNameWithoutExtension(path)}.{RandomHex()}.tmp");
        try
        {
            long rows;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await using (var writer = await AudienceParquetWriter.CreateAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var snapshot in snapshots)
                        await writer.WriteAsync(snapshot.ToRows(), cancellationToken).ConfigureAwait(false);
                    await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    rows = writer.RowCount;
                }
                // On disk before it is visible: a crash after the rename cannot leave an empty file behind it.
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // The same run id stored at once by another process: theirs is the same data.
                return new StoredFile(path, date, snapshots.Count, 0, AlreadyStored: true);
            }
            return new StoredFile(path, date, snapshots.Count, rows, AlreadyStored: false);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static string RandomHex() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind it is harmless: hidden, and not read as data.
        }
    }

    /// <summary>The days the store holds snapshots of, in order.</summary>
    /// <returns>The days (folders <c>snapshot_date=YYYY-MM-DD</c>).</returns>
    public IReadOnlyList<DateOnly> SnapshotDates() => Partitions(null, null).Select(p => p.Date).ToList();

    /// <summary>
    /// An ad account's history: each stored snapshot of each type and day (of several for one day, the
    /// latest fetch), oldest first.
    /// </summary>
    /// <param name="adAccountId">The ad account.</param>
    /// <param name="query">Which type and days; every damaged file fails the read unless <see cref="AudienceHistoryQuery.SkipDamaged"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The history; empty when the store (or its folder) holds none.</returns>
    /// <exception cref="AudienceHistoryFileException">A file of the store is damaged or not audience rows (it names the file).</exception>
    /// <exception cref="IOException">The store's folder cannot be read.</exception>
    public async Task<AudienceHistory> ReadAsync(string adAccountId, AudienceHistoryQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adAccountId);
        query ??= new AudienceHistoryQuery();
        var type = query.Type?.ToWireValue();
        var files = Partitions(query.From, query.To)
            .SelectMany(p => System.IO.Directory.EnumerateFiles(p.Folder, "*" + Extension).Where(IsData).Order(StringComparer.Ordinal).Select(path => (p.Date, Path: path)))
            .ToList();
        // Files are read at once (a year is 365 of them: most of the time is decoding, which scales with
        // cores), then taken in order, so what wins and what is skipped never depends on timing.
        var read = new (IReadOnlyList<AudienceRow>? Rows, AudienceHistoryFileException? Damage)[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    read[i] = (await ReadFileAsync(files[i].Path, adAccountId, files[i].Date, token).ConfigureAwait(false), null);
                }
                catch (AudienceHistoryFileException e)
                {
                    read[i] = (null, e);
                }
            }).ConfigureAwait(false);

        var latest = new Dictionary<(string Type, DateOnly Date), StoredSnapshot>();
        var skipped = new List<AudienceHistoryFileException>();
        for (var i = 0; i < files.Count; i++)
        {
            var (date, path) = files[i];
            if (read[i].Damage is { } damage)
            {
                if (!query.SkipDamaged)
                    throw damage;
                skipped.Add(damage);
                continue;
            }
            foreach (var block in read[i].Rows!.Where(r => type is null || r.Type == type).GroupBy(r => r.Type))
            {
                var snapshot = new StoredSnapshot(adAccountId, block.Key, date, block.Max(r => r.FetchedAt), [.. block], path);
                // Later fetch wins; on a tie, the later file name (run ids sort by time).
                if (!latest.TryGetValue((block.Key, date), out var other) || snapshot.FetchedAt > other.FetchedAt
                    || (snapshot.FetchedAt == other.FetchedAt && string.CompareOrdinal(path, other.FilePath) > 0))
                    latest[(block.Key, date)] = snapshot;
            }
        }
        return new AudienceHistory(adAccountId, [.. latest.Values.OrderBy(s => s.SnapshotDate).ThenBy(s => s.Type, StringComparer.Ordinal)], skipped);
    }

    private static bool IsData(string path) => Path.GetFileName(path) is var name && name[0] is not ('.' or '_');

    private static async Task<IReadOnlyList<AudienceRow>> ReadFileAsync(string path, string adAccountId, DateOnly date, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            return await AudienceParquet.ReadAsync(file, adAccountId, new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new AudienceHistoryFileException(path, e.Message, e);
        }
    }

    /// <summary>The day folders within the range, in order; other entries (temporary files, foreign folders) are not the store's.</summary>
    private List<(DateOnly Date, string Folder)> Partitions(DateOnly? from, DateOnly? to)
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return System.IO.Directory.EnumerateDirectories(Directory, PartitionPrefix + "*")
            .Select(folder => (Ok: DateOnly.TryParseExact(Path.GetFileName(folder).AsSpan(PartitionPrefix.Length), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), Date: date, Folder: folder))
            .Where(p => p.Ok && (from is null || p.Date >= from) && (to is null || p.Date <= to))
            .OrderBy(p => p.Date)
            .Select(p => (p.Date, p.Folder))
            .ToList();
    }
}

/// <summary>A file the store wrote (or found already written by the same run).</summary>
/// <param name="Path">The file.</param>
/// <param name="SnapshotDate">The day its snapshots are of.</param>
/// <param name="Snapshots">The accounts and types it holds.</param>
/// <param name="Rows">Its rows; 0 when <paramref name="AlreadyStored"/>.</param>
/// <param name="AlreadyStored">Whether a file of that name was already there, so nothing was written.</param>
public sealed record StoredFile(string Path, DateOnly SnapshotDate, int Snapshots, long Rows, bool AlreadyStored);

/// <summary>Which part of an ad account's history to read.</summary>
public sealed class AudienceHistoryQuery
{
    /// <summary>Only this audience type; all when null.</summary>
    public AudienceInsightType? Type { get; init; }

    /// <summary>The first day, inclusive; the earliest when null.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day, inclusive; the latest when null.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Whether to read on past damaged or foreign files (listed in <see cref="AudienceHistory.SkippedFiles"/>) instead of failing.</summary>
    public bool SkipDamaged { get; init; }
}

/// <summary>One stored snapshot: an account's audience of one type on one day.</summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Type">The audience type's wire value.</param>
/// <param name="SnapshotDate">The day.</param>
/// <param name="FetchedAt">When it was fetched.</param>
/// <param name="Rows">Its rows, the audience row last.</param>
/// <param name="FilePath">The file it was read from.</param>
public sealed record StoredSnapshot(string AdAccountId, string Type, DateOnly SnapshotDate, DateTimeOffset FetchedAt, IReadOnlyList<AudienceRow> Rows, string FilePath)
{
    /// <summary>The audience's size, from its audience row.</summary>
    public long? Size => Rows.Count > 0 ? Rows[^1].Size : null;
}

/// <summary>An ad account's stored history.</summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Snapshots">Its snapshots, oldest first (then by type).</param>
/// <param name="SkippedFiles">Damaged or foreign files read past (<see cref="AudienceHistoryQuery.SkipDamaged"/>).</param>
public sealed record AudienceHistory(string AdAccountId, IReadOnlyList<StoredSnapshot> Snapshots, IReadOnlyList<AudienceHistoryFileException> SkippedFiles)
{
    /// <summary>Every row of every snapshot, in order.</summary>
    public IEnumerable<AudienceRow> Rows => Snapshots.SelectMany(s => s.Rows);
}
