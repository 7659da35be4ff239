namespace Pinterest.Sdk.Tests.Http;

/// <summary>URLs are joined to the API's base URL by one rule: the client, the credentials and the CLI alike.</summary>
public class ApiUrlsTests
{
    [TestCase("https://api.pinterest.com/v5", "https://api.pinterest.com/v5/")]
    [TestCase("https://api.pinterest.com/v5/", "https://api.pinterest.com/v5/")]
    [TestCase("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [TestCase("https://api.example.com/v5?x=1", "https://api.example.com/v5/?x=1")]
    public void A_base_gets_a_final_slash_on_its_path(string url, string expected) =>
        Assert.That(ApiUrls.AsBase(new Uri(url)).AbsoluteUri, Is.EqualTo(expected));

    [TestCase("https://api.pinterest.com/v5", "https://api.pinterest.com/v5/oauth/token")]
    [TestCase("http://localhost:5000/v5/", "http://localhost:5000/v5/oauth/token")]
    public void The_token_endpoint_is_under_the_base(string baseUrl, string expected) =>
        Assert.That(ApiUrls.TokenUrl(new Uri(baseUrl)).AbsoluteUri, Is.EqualTo(expected));

    [Test]
    public void The_default_token_url_is_the_default_bases() =>
        Assert.That(PinterestTokenCredentialOptions.DefaultTokenUrl.AbsoluteUri, Is.EqualTo("https://api.pinterest.com/v5/oauth/token"));

    [Test]
    public void Every_query_is_escaped_by_one_rule() =>
        Assert.That(QueryString.Append(QueryString.Append("ad_accounts/1/audience_insights", "a", "x y&z"), "b", 2L),
            Is.EqualTo("ad_accounts/1/audience_insights?a=x%20y%26z&b=2"));
}
