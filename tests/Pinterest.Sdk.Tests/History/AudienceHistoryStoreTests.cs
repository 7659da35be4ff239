using Microsoft.Extensions.Time.Testing;
using Parquet;
using Parquet.Schema;
using static Pinterest.Sdk.Tests.History.HistoryData;

namespace Pinterest.Sdk.Tests.History;

/// <summary>The history store: what is written reads back, a day's latest fetch wins, nothing half-written is ever read, damage is named.</summary>
public class AudienceHistoryStoreTests
{
    private const string Account = "549755885175";
    private string _folder = null!;
    private AudienceHistoryStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _folder = Directory.CreateTempSubdirectory("pinterest-history-").FullName;
        _store = new AudienceHistoryStore(Path.Combine(_folder, "history"));
    }

    [TearDown]
    public void DeleteStore() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task What_is_written_reads_back_row_for_row_with_its_types()
    {
        var snapshot = Snapshot(Account, "2026-03-01", 0.41, new DateTimeOffset(2026, 3, 1, 7, 30, 15, 123, TimeSpan.Zero));

        var stored = await _store.WriteAsync([snapshot], "run-1");
        var history = await _store.ReadAsync(Account);

        Assert.That(stored.Single().Path, Is.EqualTo(Path.Combine(_store.Directory, "snapshot_date=2026-03-01", "run-1.parquet")));
        Assert.That(history.Rows, Is.EqualTo(snapshot.ToRows()), "every column, the order kept");
        var first = history.Rows.First();
        Assert.That((first.Date, first.Size, first.SizeIsUpperBound, first.Index, first.FetchedAt),
            Is.EqualTo(((DateOnly?)new DateOnly(2026, 3, 1), (long?)1_000_000, (bool?)true, (double?)2.1, new DateTimeOffset(2026, 3, 1, 7, 30, 15, 123, TimeSpan.Zero))));
        Assert.That(history.Rows.Last().Dimension, Is.EqualTo(AudienceRowDimension.Audience), "each snapshot ends with its audience row");
    }

    [Test]
    public async Task The_snapshot_day_is_Pinterests_date_else_the_UTC_day_of_the_fetch()
    {
        // 23:30 in New York is the next day in UTC.
        var late = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(-5));
        await _store.WriteAsync([
            new AudienceSnapshot(Account, AudienceInsightType.YourTotalAudience, Response("2026-02-27", 0.4), late),
            new AudienceSnapshot(Account, AudienceInsightType.YourEngagedAudience, Response(null, 0.4), late),
            new AudienceSnapshot(Account, AudienceInsightType.PinterestTotalAudience, Response("not a date", 0.4), late),
        ]);

        var history = await _store.ReadAsync(Account);

        Assert.That(history.Snapshots.Select(s => (s.Type, s.SnapshotDate)), Is.EquivalentTo(new[]
        {
            ("YOUR_TOTAL_AUDIENCE", new DateOnly(2026, 2, 27)),
            ("YOUR_ENGAGED_AUDIENCE", new DateOnly(2026, 3, 2)),
            ("PINTEREST_TOTAL_AUDIENCE", new DateOnly(2026, 3, 2)),
        }));
        Assert.That(_store.SnapshotDates(), Is.EqualTo(new[] { new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 2) }));
    }

    [Test]
    public async Task A_second_snapshot_of_a_day_supersedes_the_first_and_other_days_stay()
    {
        await _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.40)]);
        await _store.WriteAsync([Snapshot(Account, "2026-03-02", 0.45)]);
        await _store.WriteAsync([Snapshot(Account, "2026-03-02", 0.50, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))]);
        // An older fetch stored later (a delayed retry) does not win over the newer one.
        await _store.WriteAsync([Snapshot(Account, "2026-03-02", 0.30, new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero))]);

        var history = await _store.ReadAsync(Account);

        Assert.That(history.Snapshots.Select(s => (s.SnapshotDate, s.Rows[0].Ratio)),
            Is.EqualTo(new[] { (new DateOnly(2026, 3, 1), (double?)0.40), (new DateOnly(2026, 3, 2), (double?)0.50) }));
        Assert.That(history.Rows.Count(r => r.Dimension == AudienceRowDimension.Audience), Is.EqualTo(2), "never double-counted");
    }

    [Test]
    public async Task Storing_the_same_run_again_changes_nothing()
    {
        var first = await _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)], "import-abc");
        var before = AllFiles(_store.Directory).Select(File.ReadAllBytes).ToList();

        var again = await _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)], "import-abc");

        Assert.That(first.Single().AlreadyStored, Is.False);
        Assert.That(again.Single().AlreadyStored, Is.True);
        Assert.That(AllFiles(_store.Directory).Select(File.ReadAllBytes), Is.EqualTo(before));
    }

    [Test]
    public async Task Runs_at_once_into_one_store_lose_nothing()
    {
        var accounts = Enumerable.Range(0, 40).Select(i => (549755885000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // 40 runs at once, two stores (as two processes would have), one folder.
        var other = new AudienceHistoryStore(_store.Directory);
        await Task.WhenAll(accounts.Select((account, i) => Task.Run(() => (i % 2 == 0 ? _store : other).WriteAsync([Snapshot(account, "2026-03-01", 0.4)]))));

        foreach (var account in accounts)
            Assert.That((await _store.ReadAsync(account)).Snapshots, Has.Count.EqualTo(1), account);
        Assert.That(DataFiles(_store.Directory), Has.Length.EqualTo(40));
        Assert.That(AllFiles(_store.Directory), Has.Length.EqualTo(40), "no temporary file left");
    }

    [Test]
    public async Task One_account_is_read_out_of_a_file_of_many_row_groups()
    {
        // 300 accounts: several row groups, most skipped by their statistics.
        var snapshots = Enumerable.Range(0, 300).Select(i => Snapshot((549755885000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "2026-03-01", i / 1000.0)).ToList();
        await _store.WriteAsync(snapshots);

        var history = await _store.ReadAsync("549755885123");

        Assert.That(history.Rows, Is.EqualTo(snapshots[123].ToRows()));
    }

    [Test]
    public async Task A_range_and_a_type_read_only_those_days_and_that_type()
    {
        foreach (var day in new[] { "2026-03-01", "2026-03-02", "2026-03-03" })
            await _store.WriteAsync([Snapshot(Account, day, 0.4), Snapshot(Account, day, 0.4, type: AudienceInsightType.PinterestTotalAudience)]);

        var history = await _store.ReadAsync(Account, new AudienceHistoryQuery { Type = AudienceInsightType.PinterestTotalAudience, From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2) });

        Assert.That(history.Snapshots.Select(s => (s.Type, s.SnapshotDate)), Is.EqualTo(new[] { ("PINTEREST_TOTAL_AUDIENCE", new DateOnly(2026, 3, 2)) }));
    }

    [TestCase("garbage")]
    [TestCase("cut short")]
    [TestCase("foreign")]
    public async Task A_damaged_or_foreign_file_is_named_and_read_past_only_when_asked(string damage)
    {
        await _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)]);
        var stored = await _store.WriteAsync([Snapshot(Account, "2026-03-02", 0.5)]);
        var damaged = Path.Combine(_store.PartitionOf(new DateOnly(2026, 3, 2)), "zz-damaged.parquet");
        switch (damage)
        {
            case "garbage":
                await File.WriteAllTextAsync(damaged, "this is not parquet at all");
                break;
            case "cut short":
                var whole = await File.ReadAllBytesAsync(stored[0].Path);
                await File.WriteAllBytesAsync(damaged, whole[..(whole.Length * 2 / 3)]);
                break;
            default:
                await WriteForeignParquetAsync(damaged);
                break;
        }

        var refused = Assert.ThrowsAsync<AudienceHistoryFileException>(() => _store.ReadAsync(Account));
        var skipping = await _store.ReadAsync(Account, new AudienceHistoryQuery { SkipDamaged = true });

        Assert.That(refused!.FilePath, Is.EqualTo(damaged));
        Assert.That(refused.Message, Does.Contain(damaged));
        Assert.That(skipping.SkippedFiles.Select(f => f.FilePath), Is.EqualTo(new[] { damaged }));
        Assert.That(skipping.Snapshots, Has.Count.EqualTo(2), "the other files are read");
    }

    [Test]
    public async Task A_file_of_an_earlier_row_shape_without_the_size_columns_and_fetched_at_still_reads()
    {
        // The CSV's first shape: account,type,date,dimension,key,name,ratio,index.
        var fields = new DataField[]
        {
            new DataField<string>("account", false), new DataField<string>("type", false), new DataField<DateOnly?>("date"),
            new DataField<string>("dimension", false), new DataField<string?>("key"), new DataField<string?>("name"),
            new DataField<double?>("ratio"), new DataField<double?>("index"),
        };
        var partition = _store.PartitionOf(new DateOnly(2026, 1, 5));
        Directory.CreateDirectory(partition);
        await using (var file = File.Create(Path.Combine(partition, "old.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, new ParquetOptions { UseDateOnlyTypeForDates = true }))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync((DataField<string>)fields[0], new[] { Account, Account });
            await group.WriteAsync((DataField<string>)fields[1], new[] { "YOUR_TOTAL_AUDIENCE", "YOUR_TOTAL_AUDIENCE" });
            await group.WriteAsync<DateOnly>(fields[2], new DateOnly?[] { new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 5) });
            await group.WriteAsync((DataField<string>)fields[3], new[] { "category", "audience" });
            await group.WriteAsync((DataField<string?>)fields[4], new string?[] { "918530398158", null });
            await group.WriteAsync((DataField<string?>)fields[5], new string?[] { "home decor", null });
            await group.WriteAsync<double>(fields[6], new double?[] { 0.41, null });
            await group.WriteAsync<double>(fields[7], new double?[] { 2.1, null });
        }

        var history = await _store.ReadAsync(Account);

        var row = history.Rows.First();
        Assert.That((row.Key, row.Ratio, row.Index, row.Size, row.SizeIsUpperBound), Is.EqualTo(("918530398158", (double?)0.41, (double?)2.1, (long?)null, (bool?)null)));
        Assert.That(row.FetchedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)), "the day's start stands in for the missing fetch time");
    }

    [Test]
    public async Task Files_an_interrupted_run_left_behind_are_not_read_as_data()
    {
        await _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)]);
        var partition = _store.PartitionOf(new DateOnly(2026, 3, 1));
        await File.WriteAllTextAsync(Path.Combine(partition, ".run-2.0a1b2c3d.tmp"), "half a file");
        await File.WriteAllTextAsync(Path.Combine(partition, ".hidden.parquet"), "half a file");
        await File.WriteAllTextAsync(Path.Combine(partition, "_SUCCESS.parquet"), "");
        Directory.CreateDirectory(Path.Combine(_store.Directory, "not-a-partition"));
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "not-a-partition", "x.parquet"), "junk");

        var history = await _store.ReadAsync(Account);

        Assert.That(history.Snapshots, Has.Count.EqualTo(1));
        Assert.That(history.SkippedFiles, Is.Empty);
    }

    [Test]
    public async Task A_full_disk_leaves_no_partial_file_and_says_what_was_stored_before()
    {
        using var disk = TinyDisk.Mount(kilobytes: 12);
        var store = new AudienceHistoryStore(Path.Combine(disk.Path, "history"));
        var small = Snapshot(Account, "2026-03-01", 0.4);
        var large = Enumerable.Range(0, 4000).Select(i => Snapshot((549755885000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "2026-03-02", i / 997.0)).ToList();

        var failure = Assert.ThrowsAsync<AudienceHistoryWriteException>(() => store.WriteAsync([small, .. large], "run-1"));

        Assert.That(failure!.Message, Does.Contain("No space left on device").And.Contain("snapshot_date=2026-03-02"));
        Assert.That(failure.Stored.Select(f => f.SnapshotDate), Is.EqualTo(new[] { new DateOnly(2026, 3, 1) }), "the day stored before the disk filled");
        Assert.That(AllFiles(store.Directory), Is.EqualTo(new[] { failure.Stored[0].Path }), "nothing of the failed file, not even a temporary one");
        Assert.That((await store.ReadAsync(Account)).Snapshots, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_store_that_is_a_file_or_cannot_be_created_is_refused_by_EnsureWritable()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");

        Assert.That(() => new AudienceHistoryStore(file).EnsureWritable(), Throws.InstanceOf<IOException>().With.Message.Contains("is a file"));
        Assert.That(() => new AudienceHistoryStore(Path.Combine(file, "below")).EnsureWritable(), Throws.InstanceOf<IOException>().With.Message.Contains("cannot be written"));
    }

    [Test]
    public void A_run_id_that_is_not_a_plain_file_name_is_refused_before_anything_is_written()
    {
        Assert.That(() => _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)], "../escape"), Throws.ArgumentException);
        Assert.That(() => _store.WriteAsync([Snapshot(Account, "2026-03-01", 0.4)], ".hidden"), Throws.ArgumentException);
        Assert.That(Directory.Exists(_store.Directory), Is.False);
    }

    [Test]
    public void A_new_run_id_is_named_by_the_clock_and_never_repeats()
    {
        var store = new AudienceHistoryStore(_folder, new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 19, 51, 12, TimeSpan.Zero)));

        var ids = Enumerable.Range(0, 100).Select(_ => store.NewRunId()).ToList();

        Assert.That(ids, Is.All.Match(@"^20261206T195112Z-[0-9a-f]{8}$"));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(100));
    }
}
