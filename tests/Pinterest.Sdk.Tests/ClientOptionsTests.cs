using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

public class ClientOptionsTests
{
    private const string Token = "pina_options-test";

    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new PinterestClientOptions(), "Set PinterestClientOptions.AccessToken, PinterestClientOptions.AccessTokenProvider or PinterestClientOptions.Credential")
            .SetName("no token source");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, AccessTokenProvider = _ => ValueTask.FromResult(Token) }, "only one")
            .SetName("both token sources");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, BaseUrl = new Uri("/v5/", UriKind.Relative) }, "absolute")
            .SetName("relative base URL");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, BaseUrl = null! }, "BaseUrl")
            .SetName("null base URL");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, BaseUrl = new Uri("http://api.pinterest.com/v5/") }, "https")
            .SetName("plain http to a remote host");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, BaseUrl = new Uri("ftp://127.0.0.1/") }, "https")
            .SetName("another scheme");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, MaxRetries = -1 }, "MaxRetries")
            .SetName("negative retries");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, MaxRetries = 11 }, "MaxRetries")
            .SetName("too many retries");
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, Timeout = TimeSpan.Zero }, "Timeout")
            .SetName("zero timeout");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_fail_at_construction_with_a_clear_message(PinterestClientOptions options, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new AudienceInsightsClient(options));

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.ParamName, Is.EqualTo("options"));
        Assert.That(e.Message, Does.Not.Contain(Token));
    }

    [TestCase("")]
    [TestCase("pina_a b")]
    public void An_unusable_fixed_token_fails_at_construction(string token)
    {
        Assert.Throws<InvalidOperationException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = token }));
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(null!));
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(null!, new PinterestClientOptions { AccessToken = Token }));
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(new HttpClient(), null!));
        });
    }

    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = new PinterestClientOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://api.pinterest.com/v5/")));
            Assert.That(options.MaxRetries, Is.EqualTo(3));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(100)));
        });
    }

    [Test]
    public async Task Changing_options_after_construction_does_not_affect_the_client()
    {
        using var stub = new PinterestApiStub();
        var options = new PinterestClientOptions { AccessToken = "pina_original", BaseUrl = stub.BaseUrl };
        var client = new AudienceInsightsClient(options);

        options.AccessToken = "pina_changed";
        options.BaseUrl = new Uri("https://elsewhere.invalid/");
        await client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        Assert.That(stub.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer pina_original"));
    }

    [Test]
    public async Task A_base_url_without_trailing_slash_keeps_its_path()
    {
        using var stub = new PinterestApiStub();
        var client = new AudienceInsightsClient(new PinterestClientOptions
        {
            AccessToken = Token,
            BaseUrl = new Uri(stub.BaseUrl.AbsoluteUri.TrimEnd('/')),
        });

        await client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        Assert.That(stub.Requests.Single().RequestMessage!.Path, Is.EqualTo(PinterestApiStub.AudiencesPath(PinterestApiStub.AdAccountId)));
    }
}
