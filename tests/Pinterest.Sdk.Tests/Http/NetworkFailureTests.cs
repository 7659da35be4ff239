using System.Diagnostics;
using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>When no usable response arrives the caller gets a PinterestNetworkException, never a raw transport exception.</summary>
[TestFixtureSource(typeof(Route), nameof(Route.All))]
public class NetworkFailureTests(Route route)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Test]
    public void Connection_refused_is_a_network_exception()
    {
        var client = PinterestApiStub.ClientFor(PinterestApiStub.UnreachableBaseUrl());

        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(client));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.Zero);
            Assert.That(e.IsTimeout, Is.False);
            Assert.That(e.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(e.Message, Does.Contain("/ad_accounts/{ad_account_id}/"));
        });
    }

    [Test]
    public void A_response_slower_than_the_timeout_is_a_network_timeout()
    {
        using var stub = new PinterestApiStub();
        stub.RespondWith(route.Path(PinterestApiStub.AdAccountId),
            Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromSeconds(1.5)));
        var client = stub.CreateClient(o => o.Timeout = TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(client));

        Assert.That(e!.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("timed out after 0.2 s"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.4)), "the timeout, not the server, ended the call");
    }

    [Test]
    public void A_body_that_stalls_after_the_headers_is_a_network_timeout_not_a_hang()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders);
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        var call = route.CallAsync(client);

        Assert.That(Task.WhenAny(call, Task.Delay(Deadline)).Result, Is.SameAs(call), "the call must end by itself");
        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => call);
        Assert.That(e!.IsTimeout, Is.True);
    }

    [Test]
    public void Caller_cancellation_is_an_operation_canceled_exception_not_a_network_exception()
    {
        using var stub = new PinterestApiStub();
        stub.RespondWith(route.Path(PinterestApiStub.AdAccountId),
            Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromSeconds(1.5)));
        var client = stub.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var watch = Stopwatch.StartNew();
        var e = Assert.CatchAsync(() => route.CallAsync(client, ct: cts.Token));

        Assert.That(e, Is.InstanceOf<OperationCanceledException>());
        Assert.That(((OperationCanceledException)e!).CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.4)));
    }

    [Test]
    public void Caller_cancellation_while_the_body_stalls_is_an_operation_canceled_exception()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders);
        var client = PinterestApiStub.ClientFor(server.BaseUrl);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var call = route.CallAsync(client, ct: cts.Token);

        Assert.That(Task.WhenAny(call, Task.Delay(Deadline)).Result, Is.SameAs(call), "the call must end by itself");
        Assert.CatchAsync<OperationCanceledException>(() => call);
    }

    /// <summary>The attempt's Timeout covers getting the token: a token endpoint that stalls ends the call as a timeout.</summary>
    [Test]
    public void A_stalled_token_fetch_counts_against_the_attempts_timeout()
    {
        using var stub = new PinterestApiStub();
        var client = stub.CreateClient(o =>
        {
            (o.AccessToken, o.Timeout) = (null, TimeSpan.FromMilliseconds(300));
            o.AccessTokenProvider = async ct =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return PinterestApiStub.Token;
            };
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(client));

        Assert.That(e!.IsTimeout, Is.True);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "ended by the 0.3 s timeout, not a hang");
        Assert.That(stub.Requests, Is.Empty, "nothing was sent without a token");
    }
}
