using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.Http;

public class TransportSecurityTests
{
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
