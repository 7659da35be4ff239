using System.Net;
using System.Text;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// Pinterest's token endpoint as a credential's <see cref="HttpClient"/> sees it, in process: it
/// rotates the refresh token on every refresh and refuses one already used (400, as Pinterest does),
/// grants app tokens, and can be told to fail (a status, while a condition holds) or to hold its
/// answers until released. Every request is counted, with the refresh token it carried.
/// </summary>
internal sealed class TokenEndpointStub : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<string?> _refreshTokensSent = [];
    private int _issued;

    public TokenEndpointStub(string firstRefreshToken = "pinr_1") => ValidRefreshToken = firstRefreshToken;

    public static readonly Uri Url = new("https://api.pinterest.com/v5/oauth/token");

    /// <summary>The one refresh token it accepts now (the last it issued).</summary>
    public string ValidRefreshToken { get; private set; }

    /// <summary>The access tokens' lifetime it grants. Default one hour.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When it returns a status, the endpoint answers with it (and no tokens) instead.</summary>
    public Func<int?> Failure { get; set; } = () => null;

    /// <summary>When set, every answer waits for it.</summary>
    public Task? Hold { get; set; }

    /// <summary>A real pause before each answer (two replicas' renewals crossing at Pinterest).</summary>
    public TimeSpan Latency { get; set; }

    public int Requests
    {
        get
        {
            lock (_gate)
                return _refreshTokensSent.Count;
        }
    }

    /// <summary>The refresh token each request carried (none for an app token).</summary>
    public IReadOnlyList<string?> RefreshTokensSent
    {
        get
        {
            lock (_gate)
                return [.. _refreshTokensSent];
        }
    }

    public HttpClient Client() => new(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = (await request.Content!.ReadAsStringAsync(cancellationToken)).Split('&')
            .Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        form.TryGetValue("refresh_token", out var sent);
        lock (_gate)
            _refreshTokensSent.Add(sent);
        if (Hold is { } hold)
            await hold.WaitAsync(cancellationToken);
        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, cancellationToken);
        if (Failure() is { } status)
            return Answer(status, $$"""{"code": 0, "message": "Service unavailable ({{status}})."}""");
        lock (_gate)
        {
            var expiresIn = (long)Lifetime.TotalSeconds;
            if (form["grant_type"] == "client_credentials")
                return Answer(200, $$"""{"access_token": "pina_app-{{++_issued}}", "token_type": "bearer", "expires_in": {{expiresIn}}, "scope": "ads:read"}""");
            if (sent != ValidRefreshToken)
                return Answer(400, """{"code": 1, "message": "Invalid refresh token."}""");
            var n = ++_issued;
            ValidRefreshToken = $"pinr_{n + 1}";
            return Answer(200, $$"""
                {"access_token": "pina_{{n}}", "token_type": "bearer", "expires_in": {{expiresIn}}, "scope": "ads:read",
                 "refresh_token": "{{ValidRefreshToken}}", "refresh_token_expires_in": 5184000}
                """);
        }
    }

    private static HttpResponseMessage Answer(int status, string json) =>
        new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
