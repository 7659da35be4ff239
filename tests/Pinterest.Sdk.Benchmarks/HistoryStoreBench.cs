using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pinterest.Sdk.History;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// The history store, timed as a whole: writing a snapshot run of realistic answers (the cost per account
/// and type, against the 60 ms Pinterest's budget gives a call), reading one account's year out of a
/// year of daily files, and the store's size against the same rows as gzip-compressed CSV.
/// <c>dotnet run -c Release --project tests/Pinterest.Sdk.Benchmarks -- history [accounts to write] [accounts a day] [days] [folder to keep]</c>
/// (given a folder, the year is kept there and reused by the next run, to time reading alone).
/// </summary>
internal static class HistoryStoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var writeAccounts = Arg(args, 1, 3000);
        var dailyAccounts = Arg(args, 2, 1000);
        var days = Arg(args, 3, 365);
        var kept = args.Length > 4 ? args[4] : null;
        var folder = kept ?? Directory.CreateTempSubdirectory("pinterest-history-bench-").FullName;
        try
        {
            if (writeAccounts > 0)
                await WriteRunAsync(Path.Combine(folder, "run"), writeAccounts);
            await YearAsync(Path.Combine(folder, "year"), dailyAccounts, days);
        }
        finally
        {
            if (kept is null)
                Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static int Arg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static List<string> Ids(int count) => [.. Enumerable.Range(0, count).Select(i => (549_900_000_000L + i).ToString(CultureInfo.InvariantCulture))];

    /// <summary>The stub's realistic answers (each account its own profile), fetched in process.</summary>
    private static async Task<List<AudienceSnapshot>> AnswersAsync(List<string> ids, AudienceInsightType[] types, DateTimeOffset fetchedAt)
    {
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = ids, CallsPerMinute = int.MaxValue / 2 });
        var client = stub.CreateClient();
        var snapshots = new List<AudienceSnapshot>(ids.Count * types.Length);
        foreach (var type in types)
        {
            foreach (var id in ids)
                snapshots.Add(new AudienceSnapshot(id, type, await client.GetAudienceInsightsAsync(id, type), fetchedAt));
        }
        return snapshots;
    }

    private static async Task WriteRunAsync(string folder, int accounts)
    {
        AudienceInsightType[] types = [AudienceInsightType.YourTotalAudience, AudienceInsightType.YourEngagedAudience, AudienceInsightType.PinterestTotalAudience];
        var snapshots = await AnswersAsync(Ids(accounts), types, DateTimeOffset.UtcNow);
        var store = new AudienceHistoryStore(folder);
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            // As snapshot stores them: 1,000 answers a file.
            foreach (var chunk in snapshots.Chunk(1000))
                await store.WriteAsync(chunk, $"bench-{run}-{times.Count}-{Guid.NewGuid():N}");
            times.Add(watch.Elapsed.TotalMilliseconds / snapshots.Count);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"write: {snapshots.Count} answers ({accounts} accounts x 3 types, {snapshots.Sum(s => s.ToRows().Count)} rows), {times[0]:0.000} / {times[2]:0.000} / {times[^1]:0.000} ms per answer (min / median / max of 5 runs); budget 60 ms a call, goal under 3 ms"));
    }

    private static async Task YearAsync(string folder, int accounts, int days)
    {
        var ids = Ids(accounts);
        var store = new AudienceHistoryStore(folder);
        var today = new DateOnly(2026, 12, 6);
        var baseline = await AnswersAsync(ids, [AudienceInsightType.YourTotalAudience], DateTimeOffset.UtcNow);
        var csvBytes = 0L;
        var random = new Random(42);
        var watch = Stopwatch.StartNew();
        for (var day = store.SnapshotDates().Count; day < days; day++)
        {
            var date = today.AddDays(day - days + 1);
            var fetchedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
            // Each day each share moves a little, as real answers do from one day to the next.
            var snapshots = baseline.Select(s => new AudienceSnapshot(s.AdAccountId, s.Type, Moved(s.Response, date, random), fetchedAt)).ToList();
            await store.WriteAsync(snapshots, "daily");
            csvBytes += GzipCsvLength(snapshots);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"year: {days} daily files of {accounts} accounts written in {watch.Elapsed.TotalSeconds:0} s"));

        var storeBytes = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        if (csvBytes > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"size: store {storeBytes / 1048576.0:0.0} MiB, the same rows as gzip CSV {csvBytes / 1048576.0:0.0} MiB ({(double)storeBytes / csvBytes:0.00}x)"));

        var times = new List<double>();
        foreach (var account in new[] { ids[0], ids[accounts / 2], ids[^1], ids[accounts / 3], ids[accounts / 4] })
        {
            var read = Stopwatch.StartNew();
            var history = await store.ReadAsync(account, new AudienceHistoryQuery { Type = AudienceInsightType.YourTotalAudience });
            var trend = AudienceTrend.Of(history, AudienceInsightType.YourTotalAudience, AudienceRowDimension.Category);
            times.Add(read.Elapsed.TotalMilliseconds);
            if (trend.Sizes.Count != days)
                throw new InvalidOperationException($"{account}: {trend.Sizes.Count} snapshots, not {days}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trend: one account's year read and computed in {times[0]:0} ms cold, then {times.Skip(1).Min():0} to {times.Skip(1).Max():0} ms (goal under 1,000 ms)"));
    }

    private static AudienceInsightsResponse Moved(AudienceInsightsResponse response, DateOnly date, Random random)
    {
        double? Move(double? ratio) => ratio is { } r ? Math.Round(Math.Min(1, r * (0.98 + random.NextDouble() * 0.04)), 4) : null;
        return new AudienceInsightsResponse
        {
            Type = response.Type,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Size = response.Size,
            SizeIsUpperBound = response.SizeIsUpperBound,
            Categories = [.. (response.Categories ?? []).Select(c => new AudienceCategory
            {
                Key = c.Key, Name = c.Name, Index = c.Index, Ratio = Move(c.Ratio),
                Subcategories = [.. (c.Subcategories ?? []).Select(s => new AudienceSubcategory { Key = s.Key, Name = s.Name, Index = s.Index, Ratio = Move(s.Ratio) })],
            })],
            Demographics = response.Demographics,
        };
    }

    /// <summary>The rows as the CSV export writes them (its ten columns), gzip-compressed.</summary>
    private static long GzipCsvLength(List<AudienceSnapshot> snapshots)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            writer.Write("account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound\n");
            foreach (var row in snapshots.SelectMany(s => s.ToRows()))
            {
                writer.Write(string.Join(',', row.AdAccountId, row.Type, row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Dimension, row.Key,
                    row.Name?.Contains(',', StringComparison.Ordinal) == true ? $"\"{row.Name}\"" : row.Name,
                    row.Ratio?.ToString("R", CultureInfo.InvariantCulture), row.Index?.ToString("R", CultureInfo.InvariantCulture),
                    row.Size?.ToString(CultureInfo.InvariantCulture), row.SizeIsUpperBound is { } b ? (b ? "true" : "false") : ""));
                writer.Write('\n');
            }
        }
        return buffer.Length;
    }
}
