using System.Diagnostics;
using System.Globalization;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// The bulk operation against the stub over a socket, with the stub and the run given the same
/// per-minute budget: the achieved rate against the budget, the share of requests throttled, every
/// account accounted for, and the managed heap as the run goes (it should stay flat).
/// <c>dotnet run -c Release --project tests/Pinterest.Sdk.Benchmarks -- stress [accounts] [calls a minute]</c>
/// </summary>
internal static class BulkStress
{
    public static async Task<int> RunAsync(string[] args)
    {
        var accounts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var perMinute = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 600;
        var ids = Enumerable.Range(0, accounts).Select(i => (549_900_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { AdAccountIds = ids, CallsPerMinute = perMinute });
        var client = stub.CreateClient();
        var options = new PinterestBulkOptions { CallsPerMinute = perMinute };

        Console.WriteLine($"{accounts} accounts, budget {perMinute} calls a minute (stub and run); minimum {accounts * 60.0 / perMinute:0} s");
        var heap = new List<long>();
        var watch = Stopwatch.StartNew();
        int done = 0, succeeded = 0;
        await foreach (var result in client.GetAudienceInsightsForAdAccountsAsync(ids, AudienceInsightType.YourTotalAudience, options))
        {
            done++;
            succeeded += result.Succeeded ? 1 : 0;
            if (done % Math.Max(1, accounts / 10) == 0)
            {
                heap.Add(GC.GetTotalMemory(forceFullCollection: true));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {done,6} done at {watch.Elapsed.TotalSeconds,6:0.0} s, heap {heap[^1] / 1024.0 / 1024.0:0.0} MiB"));
            }
        }
        var elapsed = watch.Elapsed;
        var rate = stub.RequestCount / elapsed.TotalMinutes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            accounted for: {done} of {accounts} ({succeeded} succeeded)
            elapsed:       {elapsed.TotalSeconds:0.0} s
            achieved rate: {rate:0} calls a minute = {rate / perMinute:P1} of the budget
            throttled:     {stub.ThrottledRequestCount} of {stub.RequestCount} requests ({(double)stub.ThrottledRequestCount / stub.RequestCount:P2})
            heap:          {heap.Min() / 1024.0 / 1024.0:0.0} to {heap.Max() / 1024.0 / 1024.0:0.0} MiB over the run
            """));
        return done == accounts ? 0 : 1;
    }
}
