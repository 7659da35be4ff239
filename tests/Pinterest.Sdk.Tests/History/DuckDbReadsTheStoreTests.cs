using DuckDB.NET.Data;
using static Pinterest.Sdk.Tests.History.HistoryData;

namespace Pinterest.Sdk.Tests.History;

/// <summary>
/// A real engine reads what the library writes: DuckDB over the store's Hive layout gets exactly the
/// rows the library reads, with the same types, and the README's query keeps a day's latest fetch as
/// the library does.
/// </summary>
public class DuckDbReadsTheStoreTests
{
    /// <summary>The README's query: every snapshot, a day's latest fetch of each account and type only.</summary>
    private static string LatestOfEachDay(string store) => $"""
        SELECT * EXCLUDE (filename)
        FROM read_parquet('{store}/*/*.parquet', hive_partitioning = true, filename = true)
        QUALIFY dense_rank() OVER (PARTITION BY account, type, snapshot_date ORDER BY fetched_at DESC, filename DESC) = 1
        """;

    private string _folder = null!;
    private AudienceHistoryStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _folder = Directory.CreateTempSubdirectory("pinterest-duckdb-").FullName;
        _store = new AudienceHistoryStore(Path.Combine(_folder, "history"));
    }

    [TearDown]
    public void DeleteStore() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Accounts = ["549755885175", "549755885176", "549755885177"];

    private async Task WriteThreeDaysAsync()
    {
        var day = 0;
        foreach (var date in new[] { "2026-03-01", "2026-03-02", "2026-03-03" })
        {
            day++;
            await _store.WriteAsync(Accounts.SelectMany(account => new[]
            {
                Snapshot(account, date, 0.3 + day / 100.0),
                Snapshot(account, date, 0.2 + day / 100.0, type: AudienceInsightType.PinterestTotalAudience),
            }));
        }
        // The store also holds a null date (the fetch day stands in) and a name to quote.
        var undated = Response(null, 0.55);
        undated.Categories = [new AudienceCategory { Key = "1", Name = "food, \"drinks\"", Ratio = 0.5, Index = 1.1 }];
        await _store.WriteAsync([new AudienceSnapshot(Accounts[0], AudienceInsightType.YourEngagedAudience, undated, new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero))]);
    }

    private async Task<List<AudienceRow>> LibraryRowsAsync()
    {
        var rows = new List<AudienceRow>();
        foreach (var account in Accounts)
            rows.AddRange((await _store.ReadAsync(account)).Rows);
        return rows;
    }

    private static List<(AudienceRow Row, DateOnly SnapshotDate)> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(AudienceRow, DateOnly)>();
        while (reader.Read())
        {
            T? Value<T>(string column) where T : struct => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetFieldValue<T>(reader.GetOrdinal(column));
            string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
            var fetchedAt = reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("fetched_at"));
            rows.Add((new AudienceRow(Text("account")!, Text("type")!, Value<DateOnly>("date"), Text("dimension")!, Text("key"), Text("name"),
                Value<double>("ratio"), Value<double>("index"), Value<long>("size"), Value<bool>("size_is_upper_bound"), fetchedAt.ToUniversalTime()),
                reader.GetFieldValue<DateOnly>(reader.GetOrdinal("snapshot_date"))));
        }
        return rows;
    }

    private string Glob => _store.Directory.Replace("'", "''", StringComparison.Ordinal);

    [Test]
    public async Task DuckDB_reads_the_Hive_partitioned_store_as_the_library_does_row_for_row()
    {
        await WriteThreeDaysAsync();

        var duck = Query($"SELECT * FROM read_parquet('{Glob}/*/*.parquet', hive_partitioning = true)");
        var library = await LibraryRowsAsync();

        Assert.That(duck.Select(d => d.Row), Is.EquivalentTo(library));
        Assert.That(duck, Has.Count.EqualTo(library.Count));
        Assert.That(duck.All(d => d.SnapshotDate == d.Row.SnapshotDate), "the partition is each row's snapshot day");
    }

    [Test]
    public async Task DuckDB_sees_typed_columns_dates_doubles_int64_booleans_and_UTC_timestamps()
    {
        await WriteThreeDaysAsync();

        var types = DescribeTypes($"SELECT * FROM read_parquet('{Glob}/*/*.parquet', hive_partitioning = true)");

        Assert.That(types, Is.EqualTo(new Dictionary<string, string>
        {
            ["account"] = "VARCHAR", ["type"] = "VARCHAR", ["date"] = "DATE", ["dimension"] = "VARCHAR", ["key"] = "VARCHAR", ["name"] = "VARCHAR",
            ["ratio"] = "DOUBLE", ["index"] = "DOUBLE", ["size"] = "BIGINT", ["size_is_upper_bound"] = "BOOLEAN",
            ["fetched_at"] = "TIMESTAMP WITH TIME ZONE", ["snapshot_date"] = "DATE",
        }));
    }

    [Test]
    public async Task The_READMEs_query_keeps_a_days_latest_fetch_as_the_library_does()
    {
        await WriteThreeDaysAsync();
        // The schedule ran twice on 2026-03-02: the second run supersedes the first.
        await _store.WriteAsync(Accounts.Select(account => Snapshot(account, "2026-03-02", 0.9, new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero))));

        var duck = Query(LatestOfEachDay(Glob));
        var library = await LibraryRowsAsync();

        Assert.That(duck.Select(d => d.Row), Is.EquivalentTo(library));
        Assert.That(library.Where(r => r.Date == new DateOnly(2026, 3, 2) && r.Dimension == "category" && r.Key == "918530398158" && r.Type == "YOUR_TOTAL_AUDIENCE").Select(r => r.Ratio),
            Is.EqualTo(new double?[] { 0.9, 0.9, 0.9 }), "the later run's answers, once per account");
    }

    private static Dictionary<string, string> DescribeTypes(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DESCRIBE " + sql;
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>();
        while (reader.Read())
            types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }
}
