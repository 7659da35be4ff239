using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Auth;

/// <summary>
/// The settings every token-endpoint credential shares (<see cref="PinterestTokenCredentialOptions"/>)
/// are checked once, the same way for each grant, before any request.
/// </summary>
public class TokenCredentialOptionsTests
{
    private static IEnumerable<TestCaseData> EachGrant()
    {
        yield return new TestCaseData(new PinterestRefreshTokenOptions { RefreshToken = "pinr_1" },
            (Action<PinterestTokenCredentialOptions>)(o => _ = new PinterestRefreshTokenCredential((PinterestRefreshTokenOptions)o))).SetArgDisplayNames("refresh token");
        yield return new TestCaseData(new PinterestClientCredentialsOptions(),
            (Action<PinterestTokenCredentialOptions>)(o => _ = new PinterestClientCredentialsCredential((PinterestClientCredentialsOptions)o))).SetArgDisplayNames("client credentials");
        yield return new TestCaseData(new PinterestAuthorizationCodeOptions { RedirectUri = new Uri("http://localhost:8085/") },
            (Action<PinterestTokenCredentialOptions>)(o => _ = new PinterestAuthorizationCodeFlow((PinterestAuthorizationCodeOptions)o))).SetArgDisplayNames("authorization code");
    }

    private static T WithApp<T>(T options) where T : PinterestTokenCredentialOptions
    {
        options.ClientId = "1484234";
        options.ClientSecret = "app-secret";
        return options;
    }

    /// <summary>A timeout no timer can keep (about 49 days) once passed construction and failed the first token request with a raw exception.</summary>
    [TestCaseSource(nameof(EachGrant))]
    public void A_timeout_over_the_limit_is_refused_at_construction_naming_timeout(PinterestTokenCredentialOptions options, Action<PinterestTokenCredentialOptions> create)
    {
        WithApp(options).Timeout = TimeSpan.FromDays(50);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => create(options));

        Assert.That(e!.Message, Does.Contain(options.GetType().Name + ".Timeout").And.Contain("49.7 days"));
    }

    [TestCaseSource(nameof(EachGrant))]
    public void The_shared_settings_are_checked_alike_for_every_grant(PinterestTokenCredentialOptions options, Action<PinterestTokenCredentialOptions> create)
    {
        var name = options.GetType().Name;
        WithApp(options).RenewBeforeExpiry = TimeSpan.FromSeconds(-1);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => create(options))!.Message, Does.Contain(name + ".RenewBeforeExpiry"));

        options.RenewBeforeExpiry = TimeSpan.Zero;
        options.ClientId = " ";
        Assert.That(Assert.Throws<ArgumentException>(() => create(options))!.Message, Does.Contain(name + ".ClientId is required"));

        options.ClientId = "1484234";
        options.TokenUrl = new Uri("http://api.example.com/v5/oauth/token");
        Assert.That(Assert.Throws<ArgumentException>(() => create(options))!.Message, Does.Contain(name + ".TokenUrl must use https"));

        options.TokenUrl = PinterestTokenCredentialOptions.DefaultTokenUrl;
        options.Timeout = Timeout.InfiniteTimeSpan;
        Assert.DoesNotThrow(() => create(options));
    }

    [TestCase("pinr_with space")]
    [TestCase("pinr_caf\u00e9")]
    public void A_refresh_token_the_endpoint_and_the_store_would_refuse_is_refused_here_too(string refreshToken)
    {
        var options = WithApp(new PinterestRefreshTokenOptions { RefreshToken = refreshToken });

        var e = Assert.Throws<ArgumentException>(() => _ = new PinterestRefreshTokenCredential(options));

        Assert.That(e!.Message, Does.Contain("PinterestRefreshTokenOptions.RefreshToken").And.Not.Contain(refreshToken));
    }

    /// <summary>The client-credentials credential logs its token requests, as the others always did.</summary>
    [Test]
    public async Task App_token_requests_are_logged_without_secrets()
    {
        using var stub = PinterestStubServer.Start();
        using var logs = new CapturingLoggerProvider();
        var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "sample-app-id", ClientSecret = "sample-app-secret", TokenUrl = stub.TokenUrl, LoggerFactory = logs,
        });

        var token = await credential.GetAccessTokenAsync(CancellationToken.None);

        var events = logs.Events.Where(e => e.Category == "Pinterest.Sdk.PinterestClientCredentialsCredential").ToList();
        Assert.That(events, Is.Not.Empty);
        Assert.That(events.Select(e => e.Message), Has.None.Contains(token).And.None.Contains("sample-app-secret"));
    }

    [TestCase("http://127.0.0.1:5000/v5", "http://127.0.0.1:5000/v5/oauth/token")]
    [TestCase("http://127.0.0.1:5000/v5/", "http://127.0.0.1:5000/v5/oauth/token")]
    [TestCase("https://proxy.example/pinterest/api/v5", "https://proxy.example/pinterest/api/v5/oauth/token")]
    public void The_token_endpoint_of_another_api_base_is_under_it_with_or_without_the_final_slash(string baseUrl, string expected)
    {
        Assert.That(PinterestTokenCredentialOptions.TokenUrlFor(new Uri(baseUrl)).AbsoluteUri, Is.EqualTo(expected));
    }

    [Test]
    public void The_default_token_endpoint_is_the_one_under_the_default_api_base()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PinterestTokenCredentialOptions.DefaultTokenUrl.AbsoluteUri, Is.EqualTo("https://api.pinterest.com/v5/oauth/token"));
            Assert.Throws<ArgumentException>(() => PinterestTokenCredentialOptions.TokenUrlFor(new Uri("v5", UriKind.Relative)));
        });
    }

    [TestCase("pina_abc.DEF-123~_/+=", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("pina abc", false)]
    [TestCase("pina\nabc", false)]
    [TestCase("pinä", false)]
    public void A_token_an_application_stores_is_checked_by_the_rule_the_sdk_sends_by(string? token, bool sendable)
    {
        Assert.That(PinterestTokens.IsWellFormed(token), Is.EqualTo(sendable));
    }
}
