using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Auth;

/// <summary>How calls are authorized: a token, a token provider, an app token from client credentials, a refresh token and its store.</summary>
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
    // The edges of visible ASCII: space (0x20) below it, DEL (0x7F) above it, and a control character.
    [TestCase("pina_a b")]
    [TestCase("pina_\u007f")]
    [TestCase("\u007fpina")]
    [TestCase("pina_\u001f")]
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

    /// <summary>Every visible ASCII character, '!' (0x21) to '~' (0x7E), is a token character: the token is sent as given.</summary>
    [TestCase("!pina_~")]
    [TestCase("~")]
    [TestCase("!")]
    public async Task A_token_of_visible_ascii_up_to_its_edges_is_sent_unchanged(string token)
    {
        var everyVisible = string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c));
        foreach (var sent in new[] { token, everyVisible })
        {
            var client = Stub.CreateClient(o =>
            {
                o.AccessToken = null;
                o.AccessTokenProvider = _ => ValueTask.FromResult(sent);
            });

            await client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId).WaitAsync(Bounded.Limit);

            Assert.That(Stub.Requests[^1].Header("Authorization"), Is.EqualTo("Bearer " + sent));
        }
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

    [Test]
    public async Task An_app_token_from_client_credentials_is_fetched_once_for_many_calls()
    {
        using var stub = PinterestStubServer.Start();
        var (client, credential) = AppTokenClient(stub, "sample-app-secret");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0])));
        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);

        Assert.That(stub.TokenRequestCount, Is.EqualTo(1));
        Assert.That(credential.AccessTokenExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(29)));
        Assert.That(credential.ToString(), Does.Not.Contain(stub.AccessToken).And.Not.Contain("sample-app-secret"));
    }

    [Test]
    public void Refused_app_credentials_say_what_to_check()
    {
        using var stub = PinterestStubServer.Start();
        var (client, _) = AppTokenClient(stub, "wrong-secret");

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]));

        Assert.That(e!.Message, Does.Contain("client credentials").And.Contain("authorize the app again").And.Not.Contain("wrong-secret"));
        Assert.That(stub.RequestCount, Is.EqualTo(stub.TokenRequestCount), "no API call without a token");
    }

    [Test]
    public async Task A_refresh_can_leave_out_continuous_refresh()
    {
        using var stub = PinterestStubServer.Start();
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = "sample-app-secret",
            RefreshToken = "pinr_1",
            TokenUrl = stub.TokenUrl,
            ContinuousRefresh = false,
        });

        await credential.RefreshNowAsync();

        Assert.That(stub.TokenRequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task New_tokens_reach_a_store_whose_save_returns_a_task_and_with_async_one_that_returns_a_value_task()
    {
        using var stub = PinterestStubServer.Start();
        var saved = new List<string>();
        Task SaveAsTask(PinterestTokens tokens, CancellationToken ct)
        {
            saved.Add("task");
            return Task.CompletedTask;
        }
        ValueTask SaveAsValueTask(PinterestTokens tokens, CancellationToken ct)
        {
            saved.Add("value task");
            return default;
        }
        PinterestRefreshTokenCredential Credential(Func<PinterestTokens, CancellationToken, Task> tokensRefreshed) => new(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = "sample-app-secret",
            RefreshToken = "pinr_1",
            TokenUrl = stub.TokenUrl,
            TokensRefreshed = tokensRefreshed,
        });

        await Credential((tokens, ct) => SaveAsTask(tokens, ct)).RefreshNowAsync();
        await Credential(async (tokens, ct) => await SaveAsValueTask(tokens, ct)).RefreshNowAsync();

        Assert.That(saved, Is.EqualTo(new[] { "task", "value task" }));
    }

    /// <summary>A client of <paramref name="stub"/> whose only credential is an app token for the stub's app id and <paramref name="secret"/>.</summary>
    private static (AudienceInsightsClient Client, PinterestClientCredentialsCredential Credential) AppTokenClient(PinterestStubServer stub, string secret)
    {
        var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = secret,
            TokenUrl = stub.TokenUrl,
        });
        return (new AudienceInsightsClient(stub.ClientOptions(o => (o.AccessToken, o.Credential) = (null, credential))), credential);
    }
}
