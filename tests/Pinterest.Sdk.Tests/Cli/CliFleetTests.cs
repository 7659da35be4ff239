using System.Globalization;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;
using StackExchange.Redis;

using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary>
/// <c>PINTEREST_REDIS</c>: processes of the tool on one token take their turns from one rate-limit budget
/// in Redis. The fleet runs (four processes of the built tool against a stand-in on a real socket) are
/// the slow ones: the full one is the acceptance run (at least 40 s by the budget), the other
/// stops Redis in the middle of a smaller run.
/// </summary>
[NonParallelizable]
public class CliFleetTests
{
    private const string Token = "pina_fleet-token";
    private string _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("pinterest-fleet-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    private string PathOf(string name) => Path.Combine(_work, name);

    private static List<string> Accounts(int count, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => (549_500_000_000L + i).ToString(CultureInfo.InvariantCulture))];

    private static List<string> Exported(string file) =>
        [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JObject.Parse(l).Value<string>("ad_account_id")!)];

    /// <summary>The stand-in: 10 calls a second, said only through X-RateLimit-* (a plain limit, whole-second resets, no Retry-After).</summary>
    /// <remarks>
    /// It is warmed up first: a cold server in the test process answers its first requests only once it
    /// has compiled its pipeline, and would count the fleet's first two seconds of requests in one bunch.
    /// The warm-up's requests are left out of the counts (<see cref="Counts"/>).
    /// </remarks>
    private static async Task<PinterestStubServer> StandInAsync(IReadOnlyList<string> accounts)
    {
        var api = PinterestStubServer.Start(new PinterestStubServerOptions
        {
            AccessToken = Token,
            AdAccountIds = accounts,
            CallsPerSecond = 10,
            CallsPerMinute = int.MaxValue,
            ReportRateLimitPolicies = false,
        });
        var client = api.CreateClient(o => o.MaxRetries = 0);
        for (var i = 0; i < WarmUpRequests; i++)
            await client.GetAudienceInsightsAsync(accounts[i], AudienceInsightType.YourTotalAudience);
        api.Reset();
        return api;
    }

    private const int WarmUpRequests = 5;

    /// <summary>The stand-in's requests and throttled requests since its warm-up.</summary>
    private static (int Requests, int Throttled) Counts(PinterestStubServer api) => (api.RequestCount - WarmUpRequests, api.ThrottledRequestCount);

    /// <summary>Runs one process of the fleet: <c>export</c> of its accounts, told the full budget (600 a minute).</summary>
    private Task<CliResult> ExportAsync(PinterestStubServer api, IEnumerable<string> accounts, string name, string redis)
    {
        File.WriteAllLines(PathOf(name + ".txt"), accounts);
        // A thread of its own: four waits for a process on the thread pool of a small machine would starve
        // the stand-in's server of threads, and it would count requests in bunches.
        return Task.Factory.StartNew(() => CliProcess.Run(
            ["export", "--accounts-file", PathOf(name + ".txt"), "--calls-per-minute", "600", "--output", PathOf(name + ".jsonl")],
            ("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()), ("PINTEREST_REDIS", redis)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// The fleet: four processes of the tool, 100 accounts each, each told the full budget, on one
    /// token: through Redis every account is exported and at most 1% of requests are throttled, counted
    /// by the stand-in (without Redis: 19.8%, issue 40). The time goes to docs/performance.md, not here.
    /// </summary>
    [Test]
    public async Task Four_processes_on_one_token_through_redis_export_every_account_with_at_most_one_percent_throttled()
    {
        using var redis = RedisServer.Start();
        var accounts = Accounts(400);
        using var api = await StandInAsync(accounts);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var runs = await Task.WhenAll(accounts.Chunk(100).Select((part, i) => ExportAsync(api, part, $"process{i}", redis.ConnectionString)));
        var elapsed = watch.Elapsed;

        var (requests, throttled) = Counts(api);
        TestContext.Out.WriteLine($"{elapsed.TotalSeconds:0.0} s, {requests} requests, {throttled} throttled");
        foreach (var line in runs.SelectMany(r => r.Errors.Split('\n')).Where(l => l.Contains("PINTEREST_REDIS", StringComparison.Ordinal)))
            TestContext.Out.WriteLine(line);
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
                Assert.That(run.ExitCode, Is.Zero, run.Errors);
            Assert.That(Enumerable.Range(0, 4).SelectMany(i => Exported(PathOf($"process{i}.jsonl"))), Is.EquivalentTo(accounts));
            Assert.That(throttled, Is.LessThanOrEqualTo(requests / 100), $"{throttled} of {requests} requests throttled");
            Assert.That(runs.Select(r => r.Errors), Has.None.Contains("PINTEREST_REDIS"), "Redis answered throughout");
        });
    }

    /// <summary>Redis stopped in the middle of four processes' exports: every account is still exported, and each process says once that it paces itself.</summary>
    [Test]
    public async Task Redis_stopped_in_the_middle_of_a_fleet_fails_no_account()
    {
        var redis = RedisServer.Start();
        var accounts = Accounts(100);
        using var api = await StandInAsync(accounts);

        var fleet = Task.WhenAll(accounts.Chunk(25).Select((part, i) => ExportAsync(api, part, $"process{i}", redis.ConnectionString)));
        while (Counts(api).Requests < 30 && !fleet.IsCompleted)
            await Task.Delay(50);
        redis.Dispose();
        var runs = await fleet;

        Assert.Multiple(() =>
        {
            Assert.That(Counts(api).Requests, Is.GreaterThanOrEqualTo(30), "Redis stopped while the fleet ran");
            foreach (var run in runs)
                Assert.That(run.ExitCode, Is.Zero, run.Errors);
            Assert.That(Enumerable.Range(0, 4).SelectMany(i => Exported(PathOf($"process{i}.jsonl"))), Is.EquivalentTo(accounts));
        });
        TestContext.Out.WriteLine($"{Counts(api).Requests} requests, {Counts(api).Throttled} throttled");
    }

    /// <summary>With PINTEREST_REDIS, the turns are taken in Redis: the token's budget is there, under a hash of the token.</summary>
    [Test]
    public async Task An_export_with_pinterest_redis_takes_its_turns_in_redis_under_a_hash_of_the_token()
    {
        using var redis = RedisServer.Start();
        using var api = new PinterestStubHandler(new PinterestStubServerOptions { AccessToken = Token });

        var result = await CliRun.StartAsync(["export", "--output", PathOf("out.jsonl"), .. api.AdAccountIds],
            [("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()), ("PINTEREST_REDIS", redis.ConnectionString)], handler: api);

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).ToList();
        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0], Does.Match("^pinterest-sdk:budget:[0-9A-F]{32}$").And.Not.Contain(Token));
        Assert.That((long)await connection.GetDatabase().HashGetAsync(keys[0], "started"), Is.EqualTo(api.RequestCount), "every call took its turn there");
    }

    /// <summary>A Redis that cannot be reached fails nothing: the export goes on, paced by the process, and says so once.</summary>
    [Test]
    public async Task An_unreachable_pinterest_redis_fails_nothing_and_is_reported_once()
    {
        using var api = new PinterestStubHandler(new PinterestStubServerOptions { AccessToken = Token });

        var result = await CliRun.StartAsync(["export", "--output", PathOf("out.jsonl"), .. api.AdAccountIds],
            [("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()), ("PINTEREST_REDIS", $"127.0.0.1:{FreePort.Next()}")], handler: api);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Exported(PathOf("out.jsonl")), Is.EquivalentTo(api.AdAccountIds));
        Assert.That(result.Errors.Split('\n').Count(l => l.StartsWith("PINTEREST_REDIS: the shared rate-limit budget did not answer (RedisConnectionException)", StringComparison.Ordinal)), Is.EqualTo(1), result.Errors);
    }

    [Test]
    public async Task A_malformed_pinterest_redis_is_a_bad_setting()
    {
        var result = await CliRun.RunAsync(["insights", "549755885175"], ("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_REDIS", "password=only"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("PINTEREST_REDIS names no server"));
    }
}
