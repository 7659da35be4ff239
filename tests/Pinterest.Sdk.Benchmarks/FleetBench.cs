using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pinterest.Sdk.Redis;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// One budget for a fleet (issue 40), timed as a whole, for docs/performance.md:
/// <list type="bullet">
/// <item><c>fleet [processes] [accounts each] [redis|none]</c>: processes of the built tool (Release),
/// each exporting its accounts told the full budget, on one token, against the stand-in at 10 calls a
/// second that says so only through X-RateLimit-* (a plain limit, whole-second resets); with a Redis
/// budget (<c>PINTEREST_REDIS</c>) or without. Prints the fleet's time against the budget's minimum,
/// the stand-in's span from first to last request, and the requests it throttled.</item>
/// <item><c>redis-turn [turns]</c>: what a turn through Redis on loopback costs (<c>TryStartAsync</c>, then
/// <c>ObserveAsync</c> with an answer), one after another on one connection: median, 90th and 99th percentile.</item>
/// </list>
/// <c>dotnet run -c Release --project tests/Pinterest.Sdk.Benchmarks -- fleet 4 100 redis</c>; needs redis-server (build/test installs it).
/// </summary>
internal static class FleetBench
{
    private const string Token = "pina_fleet-bench";

    public static async Task<int> RunFleetAsync(string[] args)
    {
        var processes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var each = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var withRedis = args.Length <= 3 || args[3] != "none";
        var tool = Path.Combine(RepositoryRoot(), "src", "Pinterest.Sdk.Cli", "bin", "Release", "net10.0", "pinterest-insights.dll");
        if (!File.Exists(tool))
        {
            Console.Error.WriteLine($"Build the tool first: dotnet build -c Release src/Pinterest.Sdk.Cli ({tool} is missing)");
            return 2;
        }

        var ids = Enumerable.Range(0, processes * each).Select(i => (549_400_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        using var redis = withRedis ? RedisServer.Start() : null;
        using var api = PinterestStubServer.Start(new PinterestStubServerOptions
        {
            AccessToken = Token, AdAccountIds = ids, CallsPerSecond = 10, CallsPerMinute = int.MaxValue, ReportRateLimitPolicies = false,
        });
        // A cold stand-in would count the fleet's first requests in one bunch: warm it, then start its windows afresh.
        var warm = api.CreateClient(o => o.MaxRetries = 0);
        for (var i = 0; i < 5; i++)
            await warm.GetAudienceInsightsAsync(ids[i], AudienceInsightType.YourTotalAudience);
        api.Reset();
        var (requestsBefore, throttledBefore) = (api.RequestCount, api.ThrottledRequestCount);
        var work = Directory.CreateTempSubdirectory("pinterest-fleet-bench-").FullName;
        try
        {
            var minimum = ids.Count / 10.0;
            Console.WriteLine($"{processes} processes x {each} accounts, budget 10 calls a second, {(withRedis ? "one budget in Redis" : "no shared budget")}; minimum {minimum:0} s");
            var watch = Stopwatch.StartNew();
            var runs = Enumerable.Range(0, processes).Select(p =>
            {
                var file = Path.Combine(work, $"ids{p}.txt");
                File.WriteAllLines(file, ids.Skip(p * each).Take(each));
                return Task.Factory.StartNew(() => Export(tool, file, Path.Combine(work, $"out{p}.jsonl"), api.BaseUrl, redis?.ConnectionString),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }).ToList();
            var exitCodes = await Task.WhenAll(runs);
            var elapsed = watch.Elapsed;
            var exported = Enumerable.Range(0, processes).Sum(p => File.ReadAllLines(Path.Combine(work, $"out{p}.jsonl")).Count(l => l.Length > 0));
            var (requests, throttled) = (api.RequestCount - requestsBefore, api.ThrottledRequestCount - throttledBefore);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                exported:    {exported} of {ids.Count} (exit codes {string.Join(", ", exitCodes)})
                fleet time:  {elapsed.TotalSeconds:0.0} s = {elapsed.TotalSeconds / minimum:0.00} x the minimum (processes started to all ended)
                throttled:   {throttled} of {requests} requests ({(double)throttled / requests:P1}), counted by the stand-in
                """));
            return exported == ids.Count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public static async Task<int> RunTurnAsync(string[] args)
    {
        var turns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        using var redis = RedisServer.Start();
        using var store = RedisRateLimitBudgetStore.Connect(redis.ConnectionString);
        var key = Guid.NewGuid().ToString("N");
        var request = new RateLimitTurnRequest(TimeSpan.Zero, TimeSpan.FromMinutes(1), SingleCall: false);
        var answer = new PinterestRateLimit(1000, 900, TimeSpan.FromSeconds(60), null, DateTimeOffset.UtcNow);
        for (var i = 0; i < 500; i++)
            await store.ObserveAsync(key, (await store.TryStartAsync(key, request, default)).Number, answer, default);

        var start = new double[turns];
        var observe = new double[turns];
        for (var i = 0; i < turns; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var turn = await store.TryStartAsync(key, request, default);
            var t1 = Stopwatch.GetTimestamp();
            await store.ObserveAsync(key, turn.Number, answer, default);
            start[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            observe[i] = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
        }
        Console.WriteLine($"{turns} turns through Redis on loopback, one after another on one connection (ms):");
        Console.WriteLine(Percentiles("TryStartAsync", start));
        Console.WriteLine(Percentiles("ObserveAsync", observe));
        return 0;
    }

    private static string Percentiles(string name, double[] values)
    {
        Array.Sort(values);
        double At(double p) => values[Math.Min(values.Length - 1, (int)(p * values.Length))];
        return string.Create(CultureInfo.InvariantCulture, $"  {name,-14} median {At(0.5):0.000}  p90 {At(0.9):0.000}  p99 {At(0.99):0.000}");
    }

    private static int Export(string tool, string ids, string output, Uri baseUrl, string? redis)
    {
        var start = new ProcessStartInfo("dotnet", [tool, "export", "--accounts-file", ids, "--calls-per-minute", "600", "--output", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PINTEREST_ACCESS_TOKEN"] = Token;
        start.Environment["PINTEREST_API_BASE_URL"] = baseUrl.ToString();
        start.Environment.Remove("PINTEREST_REDIS");
        if (redis is not null)
            start.Environment["PINTEREST_REDIS"] = redis;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        foreach (var line in errors.Result.Split('\n').Where(l => l.StartsWith("PINTEREST_REDIS", StringComparison.Ordinal)))
            Console.WriteLine("  " + line);
        return process.ExitCode;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Pinterest.Sdk.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run it from the repository.");
    }
}
