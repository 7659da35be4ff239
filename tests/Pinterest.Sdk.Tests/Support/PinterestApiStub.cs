using System.Net;
using System.Net.Sockets;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// A WireMock stand-in for api.pinterest.com/v5 on 127.0.0.1 and a free port, with both Audience
/// Insights routes answering realistic payloads. Tests add their own answers on top.
/// </summary>
public sealed class PinterestApiStub : IDisposable
{
    public const string AdAccountId = "549755885175";
    public const string Token = "pina_TEST-token.abc123~XYZ";

    private readonly WireMockServer _server;

    /// <param name="logRequests">Keep every request for <see cref="Requests"/>; a load test turns it off.</param>
    public PinterestApiStub(bool logRequests = true)
    {
        _server = Pinterest.Sdk.Testing.PinterestStubServer.StartOnFreePort(keepRequestLog: logRequests);
        BaseUrl = new Uri(_server.Url + "/v5/");
        RespondJson(InsightsPath(AdAccountId), 200, Payload("audience_insights.json"));
        RespondJson(AudiencesPath(AdAccountId), 200, Payload("insights_audiences.json"));
    }

    public Uri BaseUrl { get; }

    /// <summary>The stub's OAuth token endpoint (<c>POST /v5/oauth/token</c>).</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth/token");

    public static string InsightsPath(string adAccountId) => $"/v5/ad_accounts/{adAccountId}/audience_insights";

    public static string AudiencesPath(string adAccountId) => $"/v5/ad_accounts/{adAccountId}/insights/audiences";

    /// <summary>Every request that reached the stub, in order.</summary>
    public IReadOnlyList<ILogEntry> Requests => _server.LogEntries.ToList();

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));

    public AudienceInsightsClient CreateClient(Action<PinterestClientOptions>? configure = null) => ClientFor(BaseUrl, configure);

    /// <summary>A client for any base URL with the test token and no retries, then <paramref name="configure"/>.</summary>
    public static AudienceInsightsClient ClientFor(Uri baseUrl, Action<PinterestClientOptions>? configure = null)
    {
        var options = new PinterestClientOptions { AccessToken = Token, BaseUrl = baseUrl, MaxRetries = 0 };
        configure?.Invoke(options);
        return new AudienceInsightsClient(options);
    }

    /// <summary>A base URL on a loopback port where nothing listens: connections are refused.</summary>
    public static Uri UnreachableBaseUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v5/");
    }

    public void RespondJson(string path, int status, string body, params (string Name, string Value)[] headers) =>
        Respond(path, status, body, "application/json", headers);

    public void Respond(string path, int status, string? body, string? contentType, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status);
        if (contentType is not null)
            response = response.WithHeader("Content-Type", contentType);
        foreach (var (name, value) in headers)
            response = response.WithHeader(name, value);
        if (body is not null)
            response = response.WithBody(body);
        _server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(1).RespondWith(response);
    }

    public void RespondWith(string path, IResponseBuilder response) =>
        _server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(1).RespondWith(response);

    /// <summary>Answers successive requests to <paramref name="path"/> with these responses; the last one repeats.</summary>
    public void RespondInSequence(string path, params IResponseBuilder[] responses) =>
        InSequence(() => Request.Create().WithPath(path).UsingGet(), responses);

    /// <summary>Answers successive token refreshes with these responses; the last one repeats.</summary>
    public void RespondToTokenRequests(params IResponseBuilder[] responses) =>
        InSequence(() => Request.Create().WithPath(TokenUrl.AbsolutePath).UsingPost(), responses);

    /// <summary>Like Pinterest, answers 401 to any API request that does not carry <paramref name="token"/>.</summary>
    public void AcceptOnlyToken(string token) =>
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/v5/ad_accounts/*"))
                .WithHeader("Authorization", "Bearer " + token, WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .AtPriority(0)
            .RespondWith(Json(401, """{"code": 2, "message": "Authentication failed."}"""));

    private void InSequence(Func<IRequestBuilder> request, IResponseBuilder[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = _server.Given(request()).AtPriority(1).InScenario(scenario);
            if (i > 0)
                mapping = mapping.WhenStateIs($"step{i}");
            if (i < responses.Length - 1)
                mapping = mapping.WillSetStateTo($"step{i + 1}");
            mapping.RespondWith(responses[i]);
        }
    }

    /// <summary>Answers a share (0 to 1) of the requests matching <paramref name="pathPattern"/> with <paramref name="response"/>, the rest as before.</summary>
    public void RespondSometimesToPattern(string pathPattern, double probability, IResponseBuilder response) =>
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(pathPattern)).UsingGet())
            .AtPriority(0).WithProbability(probability).RespondWith(response);

    /// <summary>Answers requests matching <paramref name="pathPattern"/> (wildcards allowed) with <paramref name="response"/>.</summary>
    public void RespondToPattern(string pathPattern, IResponseBuilder response) =>
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(pathPattern)).UsingGet()).AtPriority(1).RespondWith(response);

    public static IResponseBuilder Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers)
            response = response.WithHeader(name, value);
        return response;
    }

    public void Dispose() => _server.Stop();

}
