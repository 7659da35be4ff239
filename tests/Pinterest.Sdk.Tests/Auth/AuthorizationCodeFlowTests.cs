using System.Net;
using System.Text;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Shared;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Auth;

/// <summary>
/// The authorization-code flow against the stub playing Pinterest's part: its authorization page
/// redirects with a one-time code, followed here with an <see cref="HttpClient"/> as a browser would.
/// </summary>
public class AuthorizationCodeFlowTests
{
    private const string Secret = "sample-app-secret";
    private static readonly Uri RedirectUri = new("http://localhost:8085/");

    private PinterestStubServer _stub = null!;
    private HttpClient _browser = null!;

    [SetUp]
    public void StartStub()
    {
        _stub = PinterestStubServer.Start();
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    [TearDown]
    public void StopStub()
    {
        _browser.Dispose();
        _stub.Dispose();
    }

    private PinterestAuthorizationCodeFlow Flow(Action<PinterestAuthorizationCodeOptions>? configure = null)
    {
        var options = new PinterestAuthorizationCodeOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = Secret,
            RedirectUri = RedirectUri,
            AuthorizationUrl = _stub.AuthorizationUrl,
            TokenUrl = _stub.TokenUrl,
        };
        configure?.Invoke(options);
        return new PinterestAuthorizationCodeFlow(options);
    }

    /// <summary>What the user's browser does: opens the page, and is redirected back with the answer's query.</summary>
    private async Task<System.Collections.Specialized.NameValueCollection> ApproveAsync(PinterestAuthorizationRequest request)
    {
        using var page = await _browser.GetAsync(request.Url);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await page.Content.ReadAsStringAsync());
        var back = page.Headers.Location!;
        Assert.That(back.GetLeftPart(UriPartial.Path), Is.EqualTo(RedirectUri.AbsoluteUri));
        return System.Web.HttpUtility.ParseQueryString(back.Query);
    }

    [Test]
    public void The_authorization_url_carries_the_app_the_redirect_uri_the_scope_and_a_fresh_state()
    {
        var flow = Flow();

        var request = flow.CreateAuthorizationRequest();
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);

        Assert.Multiple(() =>
        {
            Assert.That(request.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(_stub.AuthorizationUrl.AbsoluteUri));
            Assert.That(query["client_id"], Is.EqualTo("sample-app-id"));
            Assert.That(query["redirect_uri"], Is.EqualTo("http://localhost:8085/"));
            Assert.That(query["response_type"], Is.EqualTo("code"));
            Assert.That(query["scope"], Is.EqualTo("ads:read"));
            Assert.That(query["state"], Is.EqualTo(request.State).And.Match("^[A-Za-z0-9_-]{43}$"), "256 random bits, URL-safe");
            Assert.That(request.RedirectUri, Is.EqualTo(RedirectUri));
        });
        var states = Enumerable.Range(0, 1000).Select(_ => flow.CreateAuthorizationRequest().State).ToHashSet();
        Assert.That(states, Has.Count.EqualTo(1000), "every request gets its own state");
    }

    [Test]
    public void Several_scopes_are_sent_comma_separated_as_pinterest_expects()
    {
        var request = Flow(o => o.Scopes = ["ads:read", "user_accounts:read"]).CreateAuthorizationRequest();

        Assert.That(System.Web.HttpUtility.ParseQueryString(request.Url.Query)["scope"], Is.EqualTo("ads:read,user_accounts:read"));
    }

    [Test]
    public async Task The_code_of_the_redirect_becomes_tokens_and_a_credential_that_calls_the_api()
    {
        var flow = Flow();
        var request = flow.CreateAuthorizationRequest();

        var redirect = await ApproveAsync(request);
        Assert.That(request.IsExpectedState(redirect["state"]), Is.True);
        var tokens = await flow.ExchangeCodeAsync(redirect["code"]!);
        var client = new AudienceInsightsClient(new PinterestClientOptions { Credential = flow.CreateCredential(tokens), BaseUrl = _stub.BaseUrl });
        var audiences = await client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]);

        Assert.Multiple(() =>
        {
            Assert.That(tokens.AccessToken, Is.Not.Empty);
            Assert.That(tokens.RefreshToken, Is.Not.Empty);
            Assert.That(tokens.AccessTokenExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(29)));
            Assert.That(tokens.Scope, Is.EqualTo("ads:read"));
            Assert.That(audiences.Items, Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_credential_from_the_flow_renews_a_revoked_access_token_and_hands_over_the_rotated_refresh_token()
    {
        var flow = Flow();
        var tokens = await flow.ExchangeCodeAsync((await ApproveAsync(flow.CreateAuthorizationRequest()))["code"]!);
        var saved = new List<PinterestTokens>();
        var client = new AudienceInsightsClient(new PinterestClientOptions
        {
            Credential = flow.CreateCredential(tokens, (fresh, _) => { saved.Add(fresh); return Task.CompletedTask; }),
            BaseUrl = _stub.BaseUrl,
        });

        _stub.SimulateAccessTokensRevoked();
        await client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]);

        Assert.That(saved, Has.Count.EqualTo(1));
        Assert.That(saved[0].RefreshToken, Is.Not.EqualTo(tokens.RefreshToken), "Pinterest rotated it");
        Assert.That(saved[0].AccessToken, Is.Not.EqualTo(tokens.AccessToken));
    }

    [Test]
    public async Task A_code_works_once_and_a_refused_one_is_an_authentication_error_without_secrets()
    {
        var flow = Flow();
        var code = (await ApproveAsync(flow.CreateAuthorizationRequest()))["code"]!;
        await flow.ExchangeCodeAsync(code);

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => flow.ExchangeCodeAsync(code));

        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Message, Does.Contain("authorization code").And.Not.Contain(code).And.Not.Contain(Secret));
        Assert.That(e.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public async Task A_code_is_refused_for_another_redirect_uri()
    {
        var code = (await ApproveAsync(Flow().CreateAuthorizationRequest()))["code"]!;
        var other = Flow(o => o.RedirectUri = new Uri("http://localhost:9999/"));

        Assert.ThrowsAsync<PinterestAuthenticationException>(() => other.ExchangeCodeAsync(code));
    }

    [Test]
    public async Task A_declined_authorization_redirects_with_access_denied_and_the_state()
    {
        _stub.SimulateAuthorizationDenied();
        var request = Flow().CreateAuthorizationRequest();

        var redirect = await ApproveAsync(request);

        Assert.That(redirect["error"], Is.EqualTo("access_denied"));
        Assert.That(redirect["code"], Is.Null);
        Assert.That(request.IsExpectedState(redirect["state"]), Is.True);
    }

    [TestCase("client_id", "someone-else", "client_id")]
    [TestCase("response_type", "token", "response_type")]
    [TestCase("scope", "pins:read", "ads:read")]
    [TestCase("redirect_uri", "not-a-url", "redirect_uri")]
    public async Task The_stubs_authorization_page_checks_the_request_as_pinterest_does(string field, string value, string mentioned)
    {
        var url = Flow().CreateAuthorizationRequest().Url;
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query[field] = value;

        using var page = await _browser.GetAsync(new UriBuilder(url) { Query = query.ToString() }.Uri);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain(mentioned));
    }

    [Test]
    public void An_answer_without_a_refresh_token_is_unusable_and_says_so_without_the_access_token()
    {
        var body = """{"access_token": "pina_only-access", "token_type": "bearer", "expires_in": 2592000}""";
        var flow = Flow(o => o.HttpClient = new HttpClient(new CannedHandler(200, Encoding.UTF8.GetBytes(body), "application/json")));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => flow.ExchangeCodeAsync("some-code"));

        Assert.That(e!.Message, Does.Contain("without a refresh_token"));
        Assert.That(e.ResponseBody, Does.Not.Contain("pina_only-access"));
    }

    [TestCase("https://example.com/pinterest/callback")]
    [TestCase("http://localhost:8085/")]
    [TestCase("http://127.0.0.1:8085/callback")]
    [TestCase("http://[::1]:8085/")]
    public void A_redirect_uri_is_https_or_plain_http_to_loopback(string redirectUri) =>
        Assert.DoesNotThrow(() => Flow(o => o.RedirectUri = new Uri(redirectUri)));

    /// <summary>
    /// The one token rule: a refresh token the tool's store or a later send would refuse (a space, a
    /// non-ASCII or control character) is refused where it arrives, so it is never stored.
    /// </summary>
    [TestCase("pinr_has space")]
    [TestCase("pinr_caf\u00e9")]
    [TestCase("pinr_tab\there")]
    public void A_refresh_token_that_could_not_be_sent_back_is_unusable_and_never_handed_over(string refreshToken)
    {
        var body = $$"""{"access_token": "pina_ok", "expires_in": 2592000, "refresh_token": "{{refreshToken}}"}""";
        var flow = Flow(o => o.HttpClient = new HttpClient(new CannedHandler(200, Encoding.UTF8.GetBytes(body), "application/json")));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => flow.ExchangeCodeAsync("some-code"));

        Assert.That(e!.Message, Does.Contain("refresh_token that cannot be stored and sent back"));
        Assert.That(e.ResponseBody, Does.Not.Contain("pinr_"));
    }

    [TestCase(null, "pina", false)]
    [TestCase("", "", false)]
    [TestCase("abc", null, false)]
    [TestCase("abc", "abd", false)]
    [TestCase("abc", "abc ", false)]
    [TestCase("abc", "abc", true)]
    public void States_match_only_when_both_are_present_and_equal(string? expected, string? received, bool matches) =>
        Assert.That(PinterestAuthorizationRequest.StateMatches(expected, received), Is.EqualTo(matches));

    [Test]
    public void Descriptions_never_show_the_secret_or_the_state()
    {
        var flow = Flow();
        var request = flow.CreateAuthorizationRequest();

        Assert.That(flow.ToString(), Does.Not.Contain(Secret));
        Assert.That(request.ToString(), Does.Not.Contain(request.State));
    }

    [Test]
    public void An_empty_code_is_refused_before_any_request()
    {
        var flow = Flow(o => o.HttpClient = new HttpClient(new CannedHandler(500, [], null)));

        Assert.ThrowsAsync<ArgumentException>(() => flow.ExchangeCodeAsync(" "));
        Assert.That(_stub.TokenRequestCount, Is.Zero);
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.ClientId = null), "ClientId").SetName("no client id");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.ClientSecret = " "), "ClientSecret").SetName("no client secret");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.RedirectUri = null), "RedirectUri").SetName("no redirect uri");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.RedirectUri = new Uri("http://localhost:8085/#x")), "RedirectUri").SetName("a redirect uri with a fragment");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.RedirectUri = new Uri("http://example.com/callback")), "RedirectUri").SetName("a plain-http redirect uri off loopback");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.RedirectUri = new Uri("http://10.0.0.5:8085/")), "RedirectUri").SetName("a plain-http redirect uri to a private address");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.Scopes = []), "Scopes").SetName("no scope");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.Scopes = ["ads:read,pins:read"]), "Scopes").SetName("a scope with a comma");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.TokenUrl = new Uri("http://api.example.com/v5/oauth/token")), "TokenUrl").SetName("a plain-http token url off loopback");
        yield return new TestCaseData((Action<PinterestAuthorizationCodeOptions>)(o => o.Timeout = TimeSpan.Zero), "Timeout").SetName("a zero timeout");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Bad_options_are_refused_with_the_setting_named(Action<PinterestAuthorizationCodeOptions> spoil, string setting)
    {
        var e = Assert.Catch<ArgumentException>(() => Flow(spoil));

        Assert.That(e!.Message, Does.Contain("PinterestAuthorizationCodeOptions." + setting));
    }
}
