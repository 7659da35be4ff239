using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Exceptions;

[TestFixtureSource(typeof(Route), nameof(Route.All))]
public class ErrorMappingTests(Route route) : StubbedClientTest
{
    private static IEnumerable<TestCaseData> StatusCases()
    {
        yield return new TestCaseData(400, typeof(PinterestBadRequestException));
        yield return new TestCaseData(401, typeof(PinterestAuthenticationException));
        yield return new TestCaseData(403, typeof(PinterestPermissionException));
        yield return new TestCaseData(404, typeof(PinterestNotFoundException));
        yield return new TestCaseData(409, typeof(PinterestApiException));
        yield return new TestCaseData(429, typeof(PinterestRateLimitException));
        yield return new TestCaseData(500, typeof(PinterestServerException));
        yield return new TestCaseData(503, typeof(PinterestServerException));
    }

    [TestCaseSource(nameof(StatusCases))]
    public void Maps_each_status_to_its_exception_with_code_message_and_request_id(int status, Type expected)
    {
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), status,
            """{"code": 2950, "message": "Ad account not available"}""",
            ("x-pinterest-rid", "rid-12345"));

        var e = Assert.ThrowsAsync(Is.InstanceOf<PinterestApiException>(), () => route.CallAsync(Client)) as PinterestApiException;

        Assert.Multiple(() =>
        {
            Assert.That(e!.GetType(), Is.EqualTo(expected));
            Assert.That(e.StatusCode, Is.EqualTo(status));
            Assert.That(e.ErrorCode, Is.EqualTo(2950));
            Assert.That(e.ErrorMessage, Is.EqualTo("Ad account not available"));
            Assert.That(e.RequestId, Is.EqualTo("rid-12345"));
            Assert.That(e.ResponseHeaders["X-Pinterest-Rid"], Is.EqualTo(new[] { "rid-12345" }), "headers are looked up case-insensitively");
            Assert.That(e.Message, Does.Contain($"HTTP {status}").And.Contain("2950").And.Contain("Ad account not available").And.Contain("rid-12345"));
        });
    }

    [Test]
    public void The_exception_a_caller_catches_has_a_stack_trace_through_the_client()
    {
        // Failures travel inside the SDK as values and are thrown once, at the end of the call: the
        // caller must still get a stack trace that leads into the client, as for any thrown exception.
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 404, """{"code": 2950, "message": "Ad account not available"}""");

        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => route.CallAsync(Client));

        Assert.That(e!.StackTrace, Does.Contain(nameof(AudienceInsightsClient)));
    }

    [Test]
    public void Rate_limit_carries_retry_after_in_seconds()
    {
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 429, """{"code": 8, "message": "Rate limited"}""", ("Retry-After", "17"));

        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => route.CallAsync(Client));

        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(17)));
        Assert.That(e.Message, Does.Contain("Retry after 17 s"));
    }

    [Test]
    public void Rate_limit_carries_retry_after_given_as_a_date()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(120).ToString("R");
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 429, """{"code": 8, "message": "Rate limited"}""", ("Retry-After", at));

        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => route.CallAsync(Client));

        Assert.That(e!.RetryAfter, Is.InRange(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121)));
    }

    [Test]
    public void An_html_gateway_page_still_gives_the_typed_exception()
    {
        Stub.Respond(route.Path(PinterestApiStub.AdAccountId), 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", ("x-pinterest-rid", "rid-gw"));

        var e = Assert.ThrowsAsync<PinterestServerException>(() => route.CallAsync(Client));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(502));
            Assert.That(e.ErrorCode, Is.Null);
            Assert.That(e.ErrorMessage, Is.Null);
            Assert.That(e.RequestId, Is.EqualTo("rid-gw"));
            Assert.That(e.ResponseBody, Does.Contain("502 Bad Gateway"));
            Assert.That(e.Message, Does.Contain("HTTP 502"));
        });
    }

    [Test]
    public void An_empty_error_body_still_gives_the_typed_exception()
    {
        Stub.Respond(route.Path(PinterestApiStub.AdAccountId), 404, null, null);

        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => route.CallAsync(Client));

        Assert.That(e!.ErrorCode, Is.Null);
        Assert.That(e.Message, Does.Contain("HTTP 404").And.Contain("Request id: (none)"));
    }

    [Test]
    public void A_json_error_body_of_another_shape_gives_the_typed_exception_without_code()
    {
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 400, """{"code": "not-a-number", "message": 42, "extra": [1]}""");

        var e = Assert.ThrowsAsync<PinterestBadRequestException>(() => route.CallAsync(Client));

        Assert.That(e!.ErrorCode, Is.Null);
        Assert.That(e.ErrorMessage, Is.Null);
    }

    [TestCase("", "empty")]
    [TestCase("null", "empty")]
    [TestCase("""{"categories": [ {"id": "1", """, "not a valid")]
    [TestCase("<html>oops</html>", "not a valid")]
    [TestCase("[1, 2]", "not a valid")]
    [TestCase("""{"categories": {"id": "1"}, "items": {"id": "1"}}""", "not a valid")]
    public void A_success_status_with_an_unreadable_body_is_a_pinterest_exception(string body, string expectedProblem)
    {
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 200, body, ("x-pinterest-rid", "rid-200"));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => route.CallAsync(Client));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(200));
            Assert.That(e.RequestId, Is.EqualTo("rid-200"));
            Assert.That(e.Message, Does.Contain(expectedProblem).And.Contain("rid-200"));
        });
    }

    [Test]
    public void An_unreadable_body_says_where_the_response_went_wrong()
    {
        // "categories" (insights) and "items" (audiences) are lists in the spec; here they are objects.
        Stub.RespondJson(route.Path(PinterestApiStub.AdAccountId), 200, """{"categories": {"id": "1"}, "items": {"id": "1"}}""");

        var e = Assert.ThrowsAsync<PinterestApiException>(() => route.CallAsync(Client));

        Assert.That(e!.Message, Does.Match("Expected an array, found an object. Path '(categories|items)'"));
    }
}
