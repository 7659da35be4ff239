using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>
/// A token, a code or the app secret never follows a redirect: with the SDK's own connection pool
/// (which does not follow them) and with a caller's <see cref="HttpClient"/> that does. The other
/// host is a second stub on "localhost" (the first is on 127.0.0.1), which records what reached it.
/// </summary>
public class RedirectTests
{
    private const string RefreshToken = "pinr_refresh-secret-1";
    private const string AppSecret = "app-secret-6f1c9e";

    private PinterestApiStub _api = null!;
    private PinterestApiStub _elsewhere = null!;
    private Uri _stolenTokenUrl = null!;

    [SetUp]
    public void Start()
    {
        _api = new PinterestApiStub();
        _elsewhere = new PinterestApiStub();
        _stolenTokenUrl = new UriBuilder(_elsewhere.TokenUrl) { Host = "localhost" }.Uri;
        // Whatever reaches the other host is answered with tokens, as an attacker's server would.
        _elsewhere.RespondToTokenRequests(Json(200, """{"access_token": "pina_attacker", "expires_in": 3600, "refresh_token": "pinr_attacker"}"""));
        _elsewhere.RespondToPattern("/v5/oauth/token", Json(200, """{"access_token": "pina_attacker", "expires_in": 3600}"""));
    }

    [TearDown]
    public void Stop()
    {
        _api.Dispose();
        _elsewhere.Dispose();
    }

    private void TokenEndpointRedirects(int status) =>
        _api.RespondToTokenRequests(Response.Create().WithStatusCode(status).WithHeader("Location", _stolenTokenUrl.AbsoluteUri));

    private PinterestRefreshTokenCredential Credential(HttpClient? http) => new(new PinterestRefreshTokenOptions
    {
        ClientId = "1484234",
        ClientSecret = AppSecret,
        RefreshToken = RefreshToken,
        TokenUrl = _api.TokenUrl,
        HttpClient = http,
    });

    private void AssertNothingReachedTheOtherHost() =>
        Assert.That(_elsewhere.Requests.Select(r => r.RequestMessage!.Method + " " + r.RequestMessage.Path), Is.Empty, "nothing reached the host the redirect named");

    [TestCase(307)]
    [TestCase(308)]
    [TestCase(302)]
    public void The_sdks_own_pool_does_not_follow_a_token_endpoints_redirect(int status)
    {
        TokenEndpointRedirects(status);

        var e = Assert.ThrowsAsync<PinterestApiException>(() => Credential(http: null).RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain("redirected").And.Contain(_stolenTokenUrl.AbsoluteUri).And.Contain("token URL"));
        Assert.That(e.StatusCode, Is.EqualTo(status));
        AssertNothingReachedTheOtherHost();
    }

    [TestCase(307)]
    [TestCase(308)]
    public void A_callers_redirect_following_client_does_not_re_post_the_refresh_token_elsewhere(int status)
    {
        TokenEndpointRedirects(status);
        using var following = new HttpClient(); // follows redirects, as HttpClient does by default

        var e = Assert.ThrowsAsync<PinterestApiException>(() => Credential(following).RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain("redirected").And.Contain(_stolenTokenUrl.AbsoluteUri));
        Assert.That(e.ToString(), Does.Not.Contain(RefreshToken).And.Not.Contain(AppSecret));
        AssertNothingReachedTheOtherHost();
    }

    [TestCase(302)]
    [TestCase(303)]
    public void Tokens_from_the_host_a_followed_redirect_named_are_not_taken(int status)
    {
        // 302 and 303 turn the POST into a GET without the form: the other host answers with tokens.
        TokenEndpointRedirects(status);
        using var following = new HttpClient();
        var credential = Credential(following);

        var e = Assert.ThrowsAsync<PinterestApiException>(() => credential.RefreshNowAsync());

        Assert.That(e!.Message, Does.Contain("redirected").And.Contain(_stolenTokenUrl.AbsoluteUri));
        var reached = _elsewhere.Requests.Select(r => r.RequestMessage!).ToList();
        Assert.That(reached.Select(r => r.Method), Is.All.EqualTo("GET"), "no form was posted there");
        Assert.That(reached.Select(r => r.Body ?? ""), Is.All.Not.Contain(RefreshToken));
        Assert.That(reached.SelectMany(r => r.Headers!.Keys), Has.None.EqualTo("Authorization"), "the app secret's Basic header stays home");
    }

    [Test]
    public void An_authorization_code_never_follows_a_redirect()
    {
        TokenEndpointRedirects(307);
        using var following = new HttpClient();
        var flow = new PinterestAuthorizationCodeFlow(new PinterestAuthorizationCodeOptions
        {
            ClientId = "1484234",
            ClientSecret = AppSecret,
            RedirectUri = new Uri("http://localhost:8085/"),
            TokenUrl = _api.TokenUrl,
            HttpClient = following,
        });

        var e = Assert.ThrowsAsync<PinterestApiException>(() => flow.ExchangeCodeAsync("code-from-the-redirect-1"));

        Assert.That(e!.Message, Does.Contain(_stolenTokenUrl.AbsoluteUri));
        AssertNothingReachedTheOtherHost();
    }

    [Test]
    public void An_api_calls_redirect_is_refused_with_the_url_it_pointed_to()
    {
        var target = new UriBuilder(_elsewhere.BaseUrl) { Host = "localhost" }.Uri;
        var moved = new Uri(target, $"ad_accounts/{AdAccountId}/insights/audiences");
        _api.RespondWith(AudiencesPath(AdAccountId), Response.Create().WithStatusCode(302).WithHeader("Location", moved.AbsoluteUri));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => _api.CreateClient().GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(e!.StatusCode, Is.EqualTo(302));
        Assert.That(e.Message, Does.Contain(moved.AbsoluteUri).And.Contain("BaseUrl").And.Not.Contain(Token));
        AssertNothingReachedTheOtherHost();
    }

    /// <summary>
    /// With a caller's client that follows redirects, .NET drops the Authorization header on the way
    /// (the SDK puts the token on each request, never on DefaultRequestHeaders), and the SDK refuses
    /// the other host's answer rather than read it as Pinterest's.
    /// </summary>
    [Test]
    public void An_api_call_followed_elsewhere_carries_no_token_there_and_its_answer_is_refused()
    {
        var target = new UriBuilder(_elsewhere.BaseUrl) { Host = "localhost" }.Uri;
        var moved = new Uri(target, $"ad_accounts/{AdAccountId}/insights/audiences");
        _api.RespondWith(AudiencesPath(AdAccountId), Response.Create().WithStatusCode(302).WithHeader("Location", moved.AbsoluteUri));
        _elsewhere.RespondJson(AudiencesPath(AdAccountId), 200, """{"items": []}""");
        using var following = new HttpClient();
        var client = new AudienceInsightsClient(following, new PinterestClientOptions { AccessToken = Token, BaseUrl = _api.BaseUrl, MaxRetries = 0 });

        var e = Assert.ThrowsAsync<PinterestApiException>(() => client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(e!.Message, Does.Contain(moved.AbsoluteUri));
        Assert.That(_api.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer " + Token));
        Assert.That(_elsewhere.Requests.Single().Header("Authorization"), Is.Null);
    }
}
