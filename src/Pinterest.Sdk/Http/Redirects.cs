using System.Net;

namespace Pinterest.Sdk;

/// <summary>
/// The SDK's one rule on redirects: a request that carries a secret (a token, a code, the app secret)
/// is answered by the URL it was sent to, or not at all. Pinterest's API and token endpoint never
/// redirect, so a redirect means a misconfigured URL or a hostile proxy, and following it would hand
/// the secret (a re-posted form body survives a 307) or trust an answer from another host.
/// </summary>
/// <remarks>
/// The SDK's own connection pools do not follow redirects. A caller's <see cref="HttpClient"/> may;
/// then <see cref="GuardedContent"/> refuses to send a body anywhere but its first URL, and
/// <see cref="Target"/> notices that the answer came from somewhere else.
/// </remarks>
internal static class Redirects
{
    /// <summary>
    /// Where <paramref name="response"/> points away from <paramref name="requested"/>: the
    /// <c>Location</c> of a redirect that was not followed, or the URL a handler followed to. Null
    /// when the answer is the requested URL's own.
    /// </summary>
    public static Uri? Target(HttpResponseMessage response, Uri requested)
    {
        var answered = response.RequestMessage?.RequestUri;
        if (answered is not null && !ReferenceEquals(answered, requested) && answered != requested)
            return answered;
        var status = (int)response.StatusCode;
        if (status is >= 300 and <= 399 && response.Headers.Location is { } location)
            return location.IsAbsoluteUri ? location : new Uri(requested, location);
        return null;
    }

    /// <summary>The message for a refused redirect: what was asked, where it pointed, and what to check.</summary>
    public static string Refused(string what, Uri requested, Uri target, string setting) =>
        $"{what} was redirected from {SecureUrl.Redacted(requested)} to {SecureUrl.Redacted(target)}; the SDK never follows a redirect with a token, " +
        $"code or secret, and Pinterest does not redirect these calls. Check {setting} (and any proxy in between).";

    /// <summary>
    /// A form body that is only ever sent to its first URL: when a redirect-following handler re-sends
    /// the request elsewhere (a 307 or 308 keeps the body), serializing it again fails with
    /// <see cref="RedirectRefusedException"/> and the secret stays home.
    /// </summary>
    public sealed class GuardedContent(IEnumerable<KeyValuePair<string, string>> form) : FormUrlEncodedContent(form)
    {
        private HttpRequestMessage? _request;
        private Uri? _url;

        /// <summary>Binds the content to <paramref name="request"/> and the URL it is for.</summary>
        public void SendOnlyWith(HttpRequestMessage request)
        {
            _request = request;
            _url = request.RequestUri;
            request.Content = this;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            EnsureFirstUrl();
            return base.SerializeToStreamAsync(stream, context, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            EnsureFirstUrl();
            return base.SerializeToStreamAsync(stream, context);
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            EnsureFirstUrl();
            base.SerializeToStream(stream, context, cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            EnsureFirstUrl();
            return base.CreateContentReadStreamAsync(cancellationToken);
        }

        private void EnsureFirstUrl()
        {
            if (_request?.RequestUri is { } now && _url is not null && now != _url)
                throw new RedirectRefusedException(now);
        }
    }
}

/// <summary>A secret-carrying body was about to follow a redirect to <see cref="Target"/>; it was not sent.</summary>
internal sealed class RedirectRefusedException(Uri target) : Exception($"A redirect to {SecureUrl.Redacted(target)} was refused.")
{
    public Uri Target { get; } = target;

    /// <summary>The refusal inside <paramref name="e"/>, if the send failed because of one.</summary>
    public static RedirectRefusedException? In(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RedirectRefusedException refused)
                return refused;
        }
        return null;
    }
}
