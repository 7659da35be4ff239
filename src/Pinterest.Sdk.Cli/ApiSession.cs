using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// The client the commands use: Pinterest itself when <c>PINTEREST_ACCESS_TOKEN</c> is set, else the
/// sample data of <see cref="PinterestStubHandler"/>, answered in process (no server to start).
/// </summary>
internal sealed class ApiSession : IDisposable
{
    private readonly PinterestStubHandler? _stub;

    private ApiSession(IAudienceInsightsClient client, PinterestStubHandler? stub)
    {
        Client = client;
        _stub = stub;
    }

    public IAudienceInsightsClient Client { get; }

    public bool IsSample => _stub is not null;

    public IReadOnlyList<string> SampleAdAccountIds => _stub?.AdAccountIds ?? [];

    /// <summary>
    /// Reads <c>PINTEREST_ACCESS_TOKEN</c> and, optionally, <c>PINTEREST_API_BASE_URL</c> (a proxy or a
    /// local stub; default Pinterest's production API).
    /// </summary>
    /// <param name="notices">Where to say that a setting is ignored.</param>
    public static ApiSession FromEnvironment(TextWriter notices)
    {
        var token = Environment.GetEnvironmentVariable("PINTEREST_ACCESS_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            if (Environment.GetEnvironmentVariable("PINTEREST_API_BASE_URL") is { Length: > 0 })
                notices.WriteLine("PINTEREST_API_BASE_URL is ignored: it applies only with PINTEREST_ACCESS_TOKEN.");
            var stub = new PinterestStubHandler();
            return new ApiSession(stub.CreateClient(), stub);
        }

        var options = new PinterestClientOptions { AccessToken = token.Trim() };
        if (Environment.GetEnvironmentVariable("PINTEREST_API_BASE_URL") is { Length: > 0 } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url)
                ? url
                : throw new ArgumentException($"PINTEREST_API_BASE_URL '{baseUrl}' is not an absolute URL.");
        }

        try
        {
            return new ApiSession(new AudienceInsightsClient(options), null);
        }
        catch (ArgumentException e)
        {
            // The SDK names its options; the user of the tool set environment variables.
            var message = ArgumentChecks.Reason(e)
                .Replace("PinterestClientOptions.AccessToken", "PINTEREST_ACCESS_TOKEN", StringComparison.Ordinal)
                .Replace("PinterestClientOptions.BaseUrl", "PINTEREST_API_BASE_URL", StringComparison.Ordinal);
            throw new ArgumentException(message, e);
        }
    }

    public void Dispose() => _stub?.Dispose();
}
