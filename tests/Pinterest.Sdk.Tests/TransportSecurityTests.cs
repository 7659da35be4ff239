using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

public class TransportSecurityTests
{
    /// <summary>
    /// What this pins is .NET's behaviour, on which the SDK relies: SocketsHttpHandler drops the
    /// Authorization header on a redirect, which works because the SDK puts the token on each request
    /// (never on DefaultRequestHeaders, which AuthenticationTests covers). A regression in either shows here.
    /// </summary>
    [Test]
    public async Task A_redirect_to_another_host_does_not_carry_the_token_that_the_sdk_put_on_the_request()
    {
        using var api = new PinterestApiStub();
        using var elsewhere = new PinterestApiStub();
        // "localhost" vs "127.0.0.1": another host name for the redirect target.
        var target = new UriBuilder(elsewhere.BaseUrl) { Host = "localhost" }.Uri;
        api.RespondWith(AudiencesPath(AdAccountId),
            Response.Create().WithStatusCode(302).WithHeader("Location", new Uri(target, $"ad_accounts/{AdAccountId}/insights/audiences").AbsoluteUri));

        await api.CreateClient().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(api.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer " + Token));
        Assert.That(elsewhere.Requests.Single().Header("Authorization"), Is.Null);
    }

    [TestCase("http://api.pinterest.com/v5/")]
    [TestCase("http://10.0.0.5/v5/")]
    [TestCase("http://example.com:80/v5/")]
    public void Plain_http_to_a_non_loopback_host_is_refused_before_any_request(string baseUrl)
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions
        {
            AccessToken = Token,
            BaseUrl = new Uri(baseUrl),
        }));

        Assert.That(e!.Message, Does.Contain("https"));
    }

    [TestCase("http://127.0.0.1:8080/v5/")]
    [TestCase("http://localhost:8080/v5/")]
    [TestCase("http://[::1]:8080/v5/")]
    public void Plain_http_to_loopback_is_allowed_for_local_stubs(string baseUrl)
    {
        Assert.DoesNotThrow(() => _ = new AudienceInsightsClient(new PinterestClientOptions
        {
            AccessToken = Token,
            BaseUrl = new Uri(baseUrl),
        }));
    }
}
