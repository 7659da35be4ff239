using System.Net;

namespace Pinterest.Sdk;

/// <summary>
/// The connection pool used by clients created without an <see cref="HttpClient"/>: one per
/// process, so creating many clients never exhausts sockets, with connections recycled so DNS
/// changes are picked up, and redirects not followed.
/// </summary>
internal static class SharedHttpClient
{
    public static readonly HttpClient Instance = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // Pinterest never redirects; a redirect must not carry a token or secret elsewhere (Redirects).
        AllowAutoRedirect = false,
    })
    {
        // The SDK applies PinterestClientOptions.Timeout per attempt itself.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
