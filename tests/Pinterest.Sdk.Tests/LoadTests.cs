using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// A scheduled job pulls insights for many accounts at once: every call must be accounted for,
/// connections must be pooled, and the whole run must end by itself.
/// </summary>
[Category("Load")]
public class LoadTests
{
    private const int Calls = 10_000;
    private const int Concurrency = 200;
    private static readonly int[] Accounts = Enumerable.Range(100_000, 100).ToArray();

    [Test]
    public async Task Ten_thousand_calls_at_200_concurrency_with_5_percent_transient_faults()
    {
        using var stub = new PinterestApiStub(logRequests: false);
        // Each account's answer carries its own id as the size, so a mixed-up response is caught.
        foreach (var account in Accounts)
            stub.RespondJson(InsightsPath(Id(account)), 200, $$"""{"size": {{account}}}""");
        stub.RespondSometimesToPattern("/v5/ad_accounts/*/audience_insights", 0.05, Json(503, """{"code": 1, "message": "busy"}"""));

        var connects = 0;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connects);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        var attempts = 0;
        var client = new AudienceInsightsClient(http, new PinterestClientOptions
        {
            AccessTokenProvider = _ => { Interlocked.Increment(ref attempts); return ValueTask.FromResult(Token); },
            BaseUrl = stub.BaseUrl,
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(30),
        });

        var succeeded = 0;
        var wrong = 0;
        var typedFailures = 0;
        var otherFailures = new List<Exception>();
        using var gate = new SemaphoreSlim(Concurrency);
        var watch = Stopwatch.StartNew();
        var all = Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            var account = Accounts[i % Accounts.Length];
            await gate.WaitAsync();
            try
            {
                var insights = await client.GetAudienceInsightsAsync(Id(account), AudienceInsightType.YourTotalAudience);
                Interlocked.Increment(ref insights.Size == account ? ref succeeded : ref wrong);
            }
            catch (PinterestApiException)
            {
                Interlocked.Increment(ref typedFailures);
            }
            catch (Exception e)
            {
                lock (otherFailures)
                    otherFailures.Add(e);
            }
            finally
            {
                gate.Release();
            }
        }));

        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(3)));
        TestContext.Out.WriteLine($"{Calls} calls in {watch.Elapsed.TotalSeconds:0.0} s; {succeeded} ok, {typedFailures} typed failures, {attempts} attempts, {connects} connections opened");

        Assert.That(finished, Is.SameAs(all), "the run must end by itself");
        Assert.Multiple(() =>
        {
            Assert.That(otherFailures, Is.Empty, "every failure is a PinterestApiException");
            Assert.That(wrong, Is.Zero, "every success carries its own account's data");
            Assert.That(succeeded + typedFailures, Is.EqualTo(Calls), "every call is accounted for");
            Assert.That(attempts, Is.InRange(Calls * 1.02, Calls * 1.10), "about 5% of attempts met a fault and were retried");
            Assert.That(succeeded, Is.GreaterThan(Calls * 0.999), "with 3 retries, 5% faults almost never exhaust them");
            Assert.That(connects, Is.LessThanOrEqualTo(2 * Concurrency), "connections are pooled and reused, not opened per call");
        });
    }

    private static string Id(int account) => account.ToString(CultureInfo.InvariantCulture);
}
