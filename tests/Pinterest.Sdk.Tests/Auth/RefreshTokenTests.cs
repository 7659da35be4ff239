using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.Auth;

public class RefreshTokenTests : StubbedClientTest
{
    private const string ClientId = "1484234";
    private const string ClientSecret = "app-secret-6f1c9e";
    private const string OldAccess = "pina_old-access";
    private const string NewAccess = "pina_new-access";
    private const string RefreshToken = "pinr_refresh-1";
    private const string RotatedRefresh = "pinr_refresh-2";

    private FakeTimeProvider _clock = null!;
    private List<PinterestTokens> _saved = null!;
    private CapturingLoggerProvider _logs = null!;

    [SetUp]
    public void TokenEndpointAnswers()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _saved = [];
        _logs = new CapturingLoggerProvider();
        Stub.RespondToTokenRequests(Granted(NewAccess, RotatedRefresh));
    }

    private static WireMock.ResponseBuilders.IResponseBuilder Granted(string access, string? refresh = null, int expiresIn = 2_592_000) =>
        Json(200, $$"""
            {"access_token": "{{access}}", "token_type": "bearer", "expires_in": {{expiresIn}}, "scope": "ads:read",
             "response_type": "refresh_token"{{(refresh is null ? "" : $$""", "refresh_token": "{{refresh}}", "refresh_token_expires_in": 31536000""")}}}
            """);

    private PinterestRefreshTokenCredential Credential(string? access = OldAccess, DateTimeOffset? expiresAt = null) => new(new PinterestRefreshTokenOptions
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RefreshToken = RefreshToken,
        AccessToken = access,
        AccessTokenExpiresAt = expiresAt,
        TokenUrl = Stub.TokenUrl,
        TimeProvider = _clock,
        LoggerFactory = _logs,
        TokensRefreshed = (tokens, _) =>
        {
            lock (_saved)
                _saved.Add(tokens);
            return Task.CompletedTask;
        },
    });

    private AudienceInsightsClient ClientWith(PinterestCredential credential) => new(new PinterestClientOptions
    {
        Credential = credential,
        BaseUrl = Stub.BaseUrl,
        MaxRetries = 0,
        LoggerFactory = _logs,
    });

    private List<WireMock.IRequestMessage> TokenRequests() => Stub.Requests
        .Select(r => r.RequestMessage!)
        .Where(r => r.Path == Stub.TokenUrl.AbsolutePath)
        .ToList();

    private List<string> BearerTokensSent() => Stub.Requests
        .Select(r => r.RequestMessage!)
        .Where(r => r.Path != Stub.TokenUrl.AbsolutePath)
        .Select(r => r.Headers!["Authorization"].Single())
        .ToList();

    [Test]
    public async Task A_token_that_is_still_good_is_used_without_refreshing()
    {
        var client = ClientWith(Credential(expiresAt: _clock.GetUtcNow().AddDays(1)));

        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(TokenRequests(), Is.Empty);
        Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer " + OldAccess }));
    }

    [Test]
    public async Task A_token_about_to_expire_is_refreshed_in_the_background_with_the_apps_basic_credentials_while_the_call_goes_on()
    {
        var credential = Credential(expiresAt: _clock.GetUtcNow().AddMinutes(4));
        var client = ClientWith(credential);

        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        await credential.WaitForRenewalAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        var refresh = TokenRequests().Single();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        Assert.Multiple(() =>
        {
            Assert.That(refresh.Method, Is.EqualTo("POST"));
            Assert.That(refresh.Headers!["Authorization"].Single(), Is.EqualTo("Basic " + basic));
            Assert.That(refresh.Headers!["Content-Type"].Single(), Does.StartWith("application/x-www-form-urlencoded"));
            Assert.That(refresh.Body, Is.EqualTo($"grant_type=refresh_token&refresh_token={RefreshToken}&continuous_refresh=true"), "Pinterest's continuous refresh token, by default");
            Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer " + OldAccess, "Bearer " + NewAccess }), "the first call went on with the valid token; the next had the new one");
        });
    }

    [Test]
    public async Task The_new_tokens_reach_the_callback_with_their_expiry_and_the_rotated_refresh_token()
    {
        var credential = Credential(access: null);

        await ClientWith(credential).GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        var tokens = _saved.Single();
        Assert.Multiple(() =>
        {
            Assert.That(tokens.AccessToken, Is.EqualTo(NewAccess));
            Assert.That(tokens.AccessTokenExpiresAt, Is.EqualTo(_clock.GetUtcNow().AddSeconds(2_592_000)));
            Assert.That(tokens.RefreshToken, Is.EqualTo(RotatedRefresh));
            Assert.That(tokens.RefreshTokenExpiresAt, Is.EqualTo(_clock.GetUtcNow().AddSeconds(31_536_000)));
            Assert.That(tokens.Scope, Is.EqualTo("ads:read"));
            Assert.That(credential.AccessTokenExpiresAt, Is.EqualTo(tokens.AccessTokenExpiresAt));
        });
    }

    /// <summary>
    /// An application that stores rotated tokens in <c>TokensRefreshed</c> must never see a call sent
    /// with tokens it has not stored yet: if the process died in between, the only working refresh
    /// token would be lost. A second call made while the callback runs waits (Pinterest rejected the old token, which is not sent again).
    /// </summary>
    [Test]
    public async Task No_call_sends_the_new_token_before_TokensRefreshed_has_returned()
    {
        Stub.AcceptOnlyToken(NewAccess);
        var storing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sentWhileStoring = -1;
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken, AccessToken = OldAccess,
            TokenUrl = Stub.TokenUrl, TimeProvider = _clock,
            TokensRefreshed = async (_, _) =>
            {
                storing.TrySetResult();
                await release.Task;
                sentWhileStoring = BearerTokensSent().Count(t => t == "Bearer " + NewAccess);
            },
        });
        var client = ClientWith(credential);

        var first = client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        await storing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        await Task.Delay(200);
        Assert.That(second.IsCompleted, Is.False, "the second call, made meanwhile, waits: Pinterest rejected the old token");
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(sentWhileStoring, Is.Zero, "no call carried the new token while the callback was storing it");
        Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer " + OldAccess, "Bearer " + NewAccess, "Bearer " + NewAccess }), "the rejected token was not sent again");
        Assert.That(TokenRequests(), Has.Count.EqualTo(1), "the second call joined the refresh");
        Assert.That(BearerTokensSent().Count(t => t == "Bearer " + NewAccess), Is.EqualTo(2));
    }

    /// <summary>
    /// A callback that fails fails the calls waiting for that refresh, wrapping its exception. The new
    /// tokens are kept all the same: Pinterest may already have retired the old refresh token.
    /// </summary>
    [Test]
    public async Task A_failing_TokensRefreshed_fails_the_waiting_call_and_the_new_tokens_stay_in_use()
    {
        var calls = 0;
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken,
            TokenUrl = Stub.TokenUrl, TimeProvider = _clock,
            TokensRefreshed = (_, _) => ++calls == 1 ? throw new IOException("disk full") : Task.CompletedTask,
        });
        var client = ClientWith(credential);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId));
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(e!.Message, Does.Contain("TokensRefreshed failed").And.Contain("disk full").And.Not.Contain(NewAccess).And.Not.Contain(RotatedRefresh));
        Assert.That(e.InnerException, Is.TypeOf<IOException>(), "the application's own exception, as thrown");
        Assert.That(TokenRequests(), Has.Count.EqualTo(1), "the next call uses the tokens the failed callback was given");
        Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer " + NewAccess }));
    }

    [Test]
    public async Task The_next_refresh_sends_the_rotated_refresh_token_once_the_clock_nears_expiry()
    {
        Stub.RespondToTokenRequests(Granted(NewAccess, RotatedRefresh, expiresIn: 3600), Granted("pina_third", expiresIn: 3600));
        var credential = Credential(access: null);
        var client = ClientWith(credential);
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        _clock.Advance(TimeSpan.FromMinutes(50));
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        Assert.That(TokenRequests(), Has.Count.EqualTo(1), "50 of 60 minutes: still good");

        _clock.Advance(TimeSpan.FromMinutes(6));
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        Assert.That(BearerTokensSent().Last(), Is.EqualTo("Bearer " + NewAccess), "4 minutes left: the call went on with the token in hand");
        await credential.WaitForRenewalAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(TokenRequests().Select(r => r.Body), Is.EqualTo(new[]
        {
            $"grant_type=refresh_token&refresh_token={RefreshToken}&continuous_refresh=true",
            $"grant_type=refresh_token&refresh_token={RotatedRefresh}&continuous_refresh=true",
        }));
        Assert.That(BearerTokensSent().Last(), Is.EqualTo("Bearer pina_third"));
        Assert.That(_saved.Last().RefreshToken, Is.EqualTo(RotatedRefresh), "no new refresh token: the one in use stays");
    }

    [Test]
    public async Task A_401_refreshes_once_and_sends_the_call_again()
    {
        Stub.AcceptOnlyToken(NewAccess);

        var audiences = await ClientWith(Credential()).GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(audiences.Items, Is.Not.Empty);
        Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer " + OldAccess, "Bearer " + NewAccess }));
        Assert.That(TokenRequests(), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_401_to_the_refreshed_token_too_is_thrown_after_one_refresh()
    {
        Stub.AcceptOnlyToken("pina_nobody-has-this");

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => ClientWith(Credential()).GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(e!.ErrorCode, Is.EqualTo(2));
        Assert.That(TokenRequests(), Has.Count.EqualTo(1));
        Assert.That(BearerTokensSent(), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_fixed_token_is_not_sent_again_after_a_401()
    {
        Stub.AcceptOnlyToken(NewAccess);

        Assert.ThrowsAsync<PinterestAuthenticationException>(() => Client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(BearerTokensSent(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_calls_needing_a_token_share_one_refresh()
    {
        Stub.RespondToTokenRequests(Granted(NewAccess).WithDelay(TimeSpan.FromMilliseconds(300)));
        var client = ClientWith(Credential(access: null));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId)));

        Assert.That(TokenRequests(), Has.Count.EqualTo(1));
        Assert.That(BearerTokensSent(), Has.Count.EqualTo(20).And.All.EqualTo("Bearer " + NewAccess));
        Assert.That(_saved, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_401s_share_one_refresh()
    {
        Stub.AcceptOnlyToken(NewAccess);
        Stub.RespondToTokenRequests(Granted(NewAccess).WithDelay(TimeSpan.FromMilliseconds(300)));
        var client = ClientWith(Credential());

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId)));

        Assert.That(TokenRequests(), Has.Count.EqualTo(1));
        Assert.That(BearerTokensSent().Count(t => t == "Bearer " + NewAccess), Is.EqualTo(10));
    }

    [Test]
    public void A_refused_refresh_is_an_authentication_failure_with_pinterests_code()
    {
        Stub.RespondToTokenRequests(Json(400, """{"code": 1, "message": "Invalid refresh token."}""", ("x-pinterest-rid", "rid-oauth")));

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => ClientWith(Credential(access: null)).GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(400));
            Assert.That(e.ErrorCode, Is.EqualTo(1));
            Assert.That(e.RequestId, Is.EqualTo("rid-oauth"));
            Assert.That(e.Message, Does.StartWith("Refreshing the Pinterest access token failed with HTTP 400: Invalid refresh token."));
            Assert.That(BearerTokensSent(), Is.Empty, "no API call without a token");
            Assert.That(_logs.Events.Single(l => l.EventId == 6).Level, Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Error));
        });
    }

    [Test]
    public void A_token_response_without_an_access_token_is_a_clear_error()
    {
        Stub.RespondToTokenRequests(Json(200, """{"token_type": "bearer"}"""));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => Credential(access: null).RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain("without an access_token and expires_in"));
    }

    [Test]
    public void An_unreachable_token_endpoint_is_a_network_failure()
    {
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken,
            TokenUrl = new Uri(UnreachableBaseUrl(), "oauth/token"),
        });

        Assert.ThrowsAsync<PinterestNetworkException>(() => credential.RefreshNowAsync());
    }

    [Test]
    public async Task No_secret_or_token_appears_in_logs_or_descriptions()
    {
        Stub.AcceptOnlyToken(NewAccess);
        var credential = Credential();
        var options = new PinterestRefreshTokenOptions { ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken, AccessToken = OldAccess };

        await ClientWith(credential).GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        var text = _logs.Events.Select(e => e.Message + string.Join("|", e.Values.Values))
            .Append(credential.ToString()).Append(options.ToString()).Append(_saved.Single().ToString())
            .Append(new PinterestClientOptions { Credential = credential }.ToString());
        Assert.That(_logs.Events.Select(e => e.EventId), Does.Contain(5));
        foreach (var secret in new[] { ClientSecret, OldAccess, NewAccess, RefreshToken, RotatedRefresh })
            Assert.That(text, Has.None.Contains(secret));
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        static PinterestRefreshTokenOptions Good() => new() { ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken };
        var noSecret = Good();
        noSecret.ClientSecret = " ";
        yield return new TestCaseData(noSecret, "ClientSecret is required").SetName("missing client secret");
        var noRefresh = Good();
        noRefresh.RefreshToken = null;
        yield return new TestCaseData(noRefresh, "RefreshToken is required").SetName("missing refresh token");
        var clearText = Good();
        clearText.TokenUrl = new Uri("http://api.example.com/v5/oauth/token");
        yield return new TestCaseData(clearText, "must use https").SetName("plain http token URL");
        var badToken = Good();
        badToken.AccessToken = "two words";
        yield return new TestCaseData(badToken, "cannot be sent in a header").SetName("access token with a space");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Bad_settings_are_refused_when_the_credential_is_made(PinterestRefreshTokenOptions options, string expected)
    {
        var e = Assert.Catch<Exception>(() => _ = new PinterestRefreshTokenCredential(options));

        Assert.That(e, Is.InstanceOf<ArgumentException>());
        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain(ClientSecret));
    }

    [Test]
    public void A_credential_and_a_fixed_token_together_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = Token, Credential = Credential() }));

        Assert.That(e!.Message, Does.Contain("Set only one of"));
    }

    [Test]
    public async Task A_custom_credential_can_renew_after_a_401()
    {
        Stub.AcceptOnlyToken("pina_from-vault-2");
        var vault = new VaultCredential();

        await ClientWith(vault).GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(vault.Rejected, Is.EqualTo(new[] { "pina_from-vault-1" }));
        Assert.That(BearerTokensSent(), Is.EqualTo(new[] { "Bearer pina_from-vault-1", "Bearer pina_from-vault-2" }));
    }

    private sealed class VaultCredential : PinterestCredential
    {
        private int _version = 1;

        public List<string> Rejected { get; } = [];

        public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => new($"pina_from-vault-{_version}");

        public override ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken)
        {
            Rejected.Add(rejectedAccessToken);
            _version++;
            return new(true);
        }
    }

    /// <summary>Token answers a broken or hostile endpoint may send: each is a PinterestApiException that says what was wrong, never quoting a token.</summary>
    [TestCase("""{"access_token": "pina_bad\r\nX-Evil: 1", "expires_in": 3600}""", "cannot be sent in a header")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 1e12}""", "expires_in of 1000000000000 seconds")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": -5}""", "expires_in of -5 seconds")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600, "refresh_token": "pinr_x", "refresh_token_expires_in": 1e15}""", "refresh_token_expires_in")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600, "refresh_token": "pinr_x", "refresh_token_expires_at": 99999999999999}""", "refresh_token_expires_at")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600, "refresh_token": "pinr_\u0000x"}""", "refresh_token that cannot be stored and sent back")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600, "refresh_token": "pinr_with space"}""", "refresh_token that cannot be stored and sent back")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600} <html>""", "not one JSON object")]
    [TestCase("""{"access_token": "pina_ok", "expires_in": 3600}{"access_token": "pina_other", "expires_in": 3600}""", "not one JSON object")]
    [TestCase("""{"token_type": "bearer"}""", "without an access_token")]
    public void An_unusable_token_answer_is_a_pinterest_exception_that_says_why(string answer, string expected)
    {
        Stub.RespondToTokenRequests(Json(200, answer));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => Credential(access: null).RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.Message + e.ResponseBody, Does.Not.Contain("pina_").And.Not.Contain("pinr_"), "no token in the message or the body kept");
        Assert.That(e.Message, Does.Not.Contain(ClientSecret));
    }

    [Test]
    public void A_huge_token_answer_is_refused_after_its_first_64_KiB()
    {
        Stub.RespondToTokenRequests(Json(200, "{\"access_token\": \"pina_ok\", \"expires_in\": 3600, \"pad\": \"" + new string('x', 2_000_000) + "\"}"));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => Credential(access: null).RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain("over 64 KiB"));
        Assert.That(e.ResponseBody!.Length, Is.LessThanOrEqualTo(64 * 1024));
    }

    [Test]
    public async Task A_token_request_is_traced_and_logged_without_its_secrets()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == PinterestSdkDiagnostics.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        await Credential(access: null).RefreshNowAsync();

        var span = spans.Single(a => (string?)a.GetTagItem("url.template") == "/oauth/token");
        var told = string.Join(" ", span.TagObjects.Select(t => t.Value)) + string.Join(" ", _logs.Events.Select(e => e.Message));
        Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(_logs.Events.Select(e => e.Message), Has.Some.Contain("POST /oauth/token answered 200"));
        Assert.That(told, Does.Not.Contain(ClientSecret).And.Not.Contain(RefreshToken).And.Not.Contain(NewAccess).And.Not.Contain(RotatedRefresh));
    }

    /// <summary>A token answer sent without a length (chunked) is read whole, up to the endpoint's cap, not just its first buffer.</summary>
    [Test]
    public async Task A_token_answer_without_a_length_is_read_whole()
    {
        var answer = "{\"pad\": \"" + new string('x', 30_000) + "\", \"access_token\": \"pina_late\", \"expires_in\": 3600}";
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            RefreshToken = RefreshToken,
            TokenUrl = Stub.TokenUrl,
            TimeProvider = _clock,
            HttpClient = new HttpClient(new UnsizedAnswer(answer)),
        });

        Assert.That(await credential.RefreshNowAsync(), Is.EqualTo("pina_late"));
    }

    private sealed class UnsizedAnswer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body))) });
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
