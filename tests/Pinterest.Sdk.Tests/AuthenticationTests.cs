using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

public class AuthenticationTests : StubbedClientTest
{
    [Test]
    public async Task Asks_the_token_provider_on_every_request_so_rotated_tokens_are_used()
    {
        var tokens = new Queue<string>(["pina_first", "pina_second", "pina_third"]);
        var client = Stub.CreateClient(o =>
        {
            o.AccessToken = null;
            o.AccessTokenProvider = _ => ValueTask.FromResult(tokens.Dequeue());
        });

        await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
        await client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);
        await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.PinterestTotalAudience);

        Assert.That(Stub.Requests.Select(r => r.Header("Authorization")),
            Is.EqualTo(new[] { "Bearer pina_first", "Bearer pina_second", "Bearer pina_third" }));
    }

    [Test]
    public void A_slow_token_provider_is_cancelled_with_the_call()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var client = Stub.CreateClient(o =>
        {
            o.AccessToken = null;
            o.AccessTokenProvider = async ct =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return "pina_never";
            };
        });

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(),
            () => client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId, cts.Token));
        Assert.That(Stub.Requests, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("pina_abc\r\nX-Injected: 1")]
    [TestCase("pina_ünïcode")]
    public void A_provider_token_that_cannot_be_sent_fails_before_the_request(string token)
    {
        var client = Stub.CreateClient(o =>
        {
            o.AccessToken = null;
            o.AccessTokenProvider = _ => ValueTask.FromResult(token);
        });

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId));

        Assert.That(e!.Message, Does.Contain("AccessTokenProvider"));
        if (token.Trim().Length > 0)
            Assert.That(e.Message, Does.Not.Contain(token.Trim()));
        Assert.That(Stub.Requests, Is.Empty);
    }

    [Test]
    public async Task Does_not_put_the_token_on_the_callers_shared_httpClient()
    {
        using var http = new HttpClient();
        var client = new AudienceInsightsClient(http, new PinterestClientOptions { AccessToken = PinterestApiStub.Token, BaseUrl = Stub.BaseUrl });

        await client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        Assert.That(Stub.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer " + PinterestApiStub.Token));
        Assert.That(http.DefaultRequestHeaders.Authorization, Is.Null);
    }

    [Test]
    public void The_token_appears_in_no_exception_message_or_ToString()
    {
        var client = Stub.CreateClient();
        var failures = new List<Exception>();
        foreach (var status in new[] { 400, 401, 403, 404, 429, 500, 502 })
        {
            Stub.Respond(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), status,
                $$"""{"code": {{status}}, "message": "failure {{status}}"}""", "application/json", ("x-pinterest-rid", "rid"));
            failures.Add(Assert.CatchAsync(() => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience))!);
        }
        Stub.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, "{ broken");
        failures.Add(Assert.CatchAsync(() => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience))!);
        var unreachable = PinterestApiStub.ClientFor(PinterestApiStub.UnreachableBaseUrl());
        failures.Add(Assert.CatchAsync(() => unreachable.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId))!);

        Assert.That(failures, Has.Count.EqualTo(9));
        foreach (var failure in failures)
        {
            Assert.That(failure.ToString(), Does.Not.Contain(PinterestApiStub.Token), failure.GetType().Name);
            if (failure is PinterestApiException api)
            {
                Assert.That(api.ResponseBody ?? "", Does.Not.Contain(PinterestApiStub.Token));
                Assert.That(string.Join(";", api.ResponseHeaders.SelectMany(h => h.Value)), Does.Not.Contain(PinterestApiStub.Token));
            }
        }
    }

    [Test]
    public void Options_ToString_hides_the_token()
    {
        var options = new PinterestClientOptions { AccessToken = PinterestApiStub.Token };

        Assert.That(options.ToString(), Does.Not.Contain(PinterestApiStub.Token).And.Contain("AccessToken=***"));
    }
}
