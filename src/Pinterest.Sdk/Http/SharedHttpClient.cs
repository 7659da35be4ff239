using System.Net;

namespace Pinterest.Sdk;

/// <summary>
/// The connection pool used by clients created without an <see cref="HttpClient"/>: one per
/// process, so creating many clients never exhausts sockets, with connections recycled so DNS
/// changes are picked up, and redirects not followed.
/// </summary>
internal static class SharedHttpClient
{
    public static readonly HttpClient Instance = new(CreateHandler())
    {
        // The SDK applies PinterestClientOptions.Timeout per attempt itself.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// The handler settings of every connection the SDK makes itself: this pool's, and the primary
    /// handler of <c>AddPinterestSdk</c>'s typed client.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        // Recycled so DNS changes are picked up (IHttpClientFactory also rotates its handlers).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        // An unreachable host fails the attempt in 30 s rather than at the OS's connect timeout
        // (minutes on Linux), which PinterestClientOptions.Timeout would otherwise have to cut.
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // Pinterest never redirects; a redirect must not carry a token or secret elsewhere (Redirects).
        AllowAutoRedirect = false,
    };
}
