using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>Broken responses end in a typed PinterestApiException, never in a raw parser or transport exception.</summary>
[TestFixtureSource(typeof(Route), nameof(Route.All))]
public class FaultTests(Route route)
{
    private int _attempts;

    private AudienceInsightsClient Client(Uri baseUrl, int maxRetries) => new(new PinterestClientOptions
    {
        AccessTokenProvider = _ => { Interlocked.Increment(ref _attempts); return ValueTask.FromResult(Token); },
        BaseUrl = baseUrl,
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        Timeout = TimeSpan.FromSeconds(5),
    });

    [SetUp]
    public void SetUp() => _attempts = 0;

    // WireMock.Net sends these faults as a 200 whose body is garbage (MALFORMED_RESPONSE_CHUNK) or
    // empty (EMPTY_RESPONSE): a complete HTTP answer that is not the documented JSON.
    [TestCase(FaultType.MALFORMED_RESPONSE_CHUNK, "not a valid")]
    [TestCase(FaultType.EMPTY_RESPONSE, "empty")]
    public void A_wiremock_fault_is_an_unreadable_body_exception_and_is_not_retried(FaultType fault, string problem)
    {
        using var stub = new PinterestApiStub();
        stub.RespondWith(route.Path(AdAccountId), Response.Create().WithStatusCode(200).WithFault(fault));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => route.CallAsync(Client(stub.BaseUrl, maxRetries: 2)));

        Assert.That(e!.StatusCode, Is.EqualTo(200));
        Assert.That(e.Message, Does.Contain(problem));
        Assert.That(e.InnerException, Is.Null.Or.InstanceOf<Newtonsoft.Json.JsonException>());
        Assert.That(stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_server_that_closes_the_socket_is_a_network_exception_after_the_retries()
    {
        using var server = new RawHttpServer(RawBehaviour.CloseWithoutAnswer);

        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(Client(server.BaseUrl, maxRetries: 2)));

        Assert.That(e!.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(_attempts, Is.EqualTo(3), "one attempt and two retries by the SDK");
        // SocketsHttpHandler itself re-sends a request whose connection closed before any answer.
        Assert.That(server.Requests, Is.GreaterThanOrEqualTo(3));
    }
}
