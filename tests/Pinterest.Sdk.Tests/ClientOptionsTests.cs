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
        yield return new TestCaseData(new PinterestClientOptions { AccessToken = Token, TotalTimeout = TimeSpan.MaxValue }, "TotalTimeout must be positive and at most 4294967 seconds (49.7 days), or Timeout.InfiniteTimeSpan")
            .SetName("a total timeout no timer can hold");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_fail_at_construction_with_a_clear_message(PinterestClientOptions options, string expected)
    {
        var e = (ArgumentException)Assert.Throws(Is.InstanceOf<ArgumentException>(), () => _ = new AudienceInsightsClient(options))!;

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.ParamName, Is.EqualTo("options"));
        Assert.That(e.Message, Does.Not.Contain(Token));
    }

    [TestCase("", "is empty")]
    [TestCase("pina_a b", "cannot be sent in a header")]
    [TestCase("pina_abc\r\nX-Evil: 1", "cannot be sent in a header")]
    [TestCase("pina_abcé", "cannot be sent in a header")]
    [TestCase("Bearer pina_abc", "starts with \"Bearer \"")]
    public void An_unusable_fixed_token_fails_at_construction_with_an_error_that_names_the_setting(string token, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = token }));

        Assert.That(e!.Message, Does.Contain("PinterestClientOptions.AccessToken").And.Contain(expected));
        Assert.That(e.ParamName, Is.EqualTo("options"));
        if (token.Length > 0)
            Assert.That(e.Message, Does.Not.Contain(token));
    }

    [TestCase("https://api.example.com/v5?x=1", "query or fragment")]
    [TestCase("https://api.example.com/v5/#frag", "query or fragment")]
    [TestCase("https://user:secret@api.example.com/v5/", "user name or password")]
    public void A_base_url_that_would_lose_its_path_or_leak_a_password_is_refused(string url, string expected)
    {
        var options = new PinterestClientOptions { AccessToken = Token, BaseUrl = new Uri(url) };

        var e = Assert.Throws<ArgumentException>(() => _ = new AudienceInsightsClient(options));

        Assert.That(e!.Message, Does.Contain("PinterestClientOptions.BaseUrl").And.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain("secret"));
        Assert.That(options.ToString(), Does.Not.Contain("secret"));
    }

    [Test]
    public void Serializing_the_options_leaves_out_every_secret()
    {
        var options = new PinterestClientOptions { AccessToken = Token, MaxRetries = 2 };

        var newtonsoft = Newtonsoft.Json.JsonConvert.SerializeObject(options);
        var systemTextJson = System.Text.Json.JsonSerializer.Serialize(options);

        Assert.That(newtonsoft, Does.Not.Contain(Token).And.Contain("\"MaxRetries\":2"));
        Assert.That(systemTextJson, Does.Not.Contain(Token).And.Contain("\"MaxRetries\":2"));
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(null!));
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(null!, new PinterestClientOptions { AccessToken = Token }));
            Assert.Throws<ArgumentNullException>(() => _ = new AudienceInsightsClient(new HttpClient(), (PinterestClientOptions)null!));
        });
    }

    [Test]
    public void Defaults_are_the_ones_the_readme_documents_for_every_setting()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "README.md"));
        var table = readme.SkipWhile(l => !l.StartsWith("| `PinterestClientOptions` | Default", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2].Trim('`'));
        var options = new PinterestClientOptions();
        var settings = typeof(PinterestClientOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToList();

        Assert.That(table.Keys, Is.EquivalentTo(settings), "every setting has a row in the README's options table");
        Assert.Multiple(() =>
        {
            foreach (var (name, documented) in table)
            {
                var actual = typeof(PinterestClientOptions).GetProperty(name)!.GetValue(options);
                Assert.That(actual, Is.EqualTo(Parse(documented)), $"{name}: the README says {documented}");
            }
        });
    }

    /// <summary>A default as the README writes it: "—" or "none", "3", "0.8 s", "infinite", "64 MiB", a URL, <c>TimeProvider.System</c>.</summary>
    private static object? Parse(string documented) => documented switch
    {
        "—" or "none" => null,
        "infinite" => Timeout.InfiniteTimeSpan,
        "TimeProvider.System" => TimeProvider.System,
        _ when documented.EndsWith(" s", StringComparison.Ordinal) => TimeSpan.FromSeconds(double.Parse(documented[..^2], System.Globalization.CultureInfo.InvariantCulture)),
        _ when documented.EndsWith(" MiB", StringComparison.Ordinal) => long.Parse(documented[..^4], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024,
        _ when documented.StartsWith("https://", StringComparison.Ordinal) => new Uri(documented),
        _ => int.Parse(documented, System.Globalization.CultureInfo.InvariantCulture),
    };

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
