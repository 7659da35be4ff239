using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

[TestFixtureSource(typeof(Route), nameof(Route.All))]
public class ArgumentValidationTests(Route route)
{
    private PinterestApiStub _stub = null!;
    private int _tokenRequests;
    private AudienceInsightsClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new PinterestApiStub();
        _tokenRequests = 0;
        _client = _stub.CreateClient(o =>
        {
            o.AccessToken = null;
            o.AccessTokenProvider = _ =>
            {
                Interlocked.Increment(ref _tokenRequests);
                return ValueTask.FromResult(PinterestApiStub.Token);
            };
        });
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    [TestCase("", TestName = "empty")]
    [TestCase("abc", TestName = "letters")]
    [TestCase("12a4", TestName = "digits and a letter")]
    [TestCase("../123", TestName = "path traversal")]
    [TestCase("..%2F123", TestName = "escaped slash")]
    [TestCase("123/456", TestName = "slash")]
    [TestCase("123 456", TestName = "inner space")]
    [TestCase(" 123", TestName = "leading space")]
    [TestCase("123\n", TestName = "trailing newline")]
    [TestCase("-123", TestName = "sign")]
    [TestCase("1.5", TestName = "decimal point")]
    [TestCase("１２３", TestName = "full-width digits")]
    [TestCase("١٢٣", TestName = "Arabic-Indic digits")]
    [TestCase("1234567890123456789", TestName = "19 digits")]
    public void Rejects_a_malformed_ad_account_id_before_any_request(string adAccountId)
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => route.CallAsync(_client, adAccountId));

        Assert.Multiple(() =>
        {
            Assert.That(e!.ParamName, Is.EqualTo("adAccountId"));
            Assert.That(_stub.Requests, Is.Empty, "no request may leave the process");
            Assert.That(_tokenRequests, Is.Zero, "the token is not even asked for");
        });
    }

    [TestCase("1")]
    [TestCase("123456789012345678")]
    public async Task Accepts_one_to_eighteen_ascii_digits(string adAccountId)
    {
        _stub.RespondJson(route.Path(adAccountId), 200, "{}");

        await route.CallAsync(_client, adAccountId);

        Assert.That(_stub.Requests.Single().RequestMessage!.Path, Is.EqualTo(route.Path(adAccountId)));
    }

    [Test]
    public void Rejects_a_null_ad_account_id()
    {
        var e = Assert.ThrowsAsync<ArgumentNullException>(() => route.CallAsync(_client, null!));

        Assert.That(e!.ParamName, Is.EqualTo("adAccountId"));
        Assert.That(_stub.Requests, Is.Empty);
    }
}

public class AudienceTypeValidationTests
{
    [TestCase(-1)]
    [TestCase(3)]
    [TestCase(99)]
    public void Rejects_an_undefined_audience_type_before_any_request(int value)
    {
        using var stub = new PinterestApiStub();
        var client = stub.CreateClient();

        var e = Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, (AudienceInsightType)value));

        Assert.That(e!.ParamName, Is.EqualTo("audienceInsightType"));
        Assert.That(stub.Requests, Is.Empty);
    }
}
