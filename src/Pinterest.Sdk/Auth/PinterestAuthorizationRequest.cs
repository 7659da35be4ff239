using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Sdk;

/// <summary>
/// Where to send the user to authorize the app (<see cref="Url"/>), and the <see cref="State"/> that
/// Pinterest's redirect must bring back. Keep it (in the user's session, say) until the redirect
/// arrives, and exchange the code only when <see cref="IsExpectedState"/> accepts the redirect's state.
/// </summary>
/// <param name="Url">Pinterest's authorization page, with the app id, redirect URI, scopes and state.</param>
/// <param name="State">A fresh, unguessable value (256 random bits, URL-safe) that ties the redirect to this request.</param>
/// <param name="RedirectUri">Where Pinterest sends the user back; the code exchange repeats it.</param>
public sealed record PinterestAuthorizationRequest(Uri Url, string State, Uri RedirectUri)
{
    /// <summary>
    /// Whether <paramref name="state"/> (the <c>state</c> of the redirect) is this request's: another
    /// value means the redirect did not come from this request (a forged or replayed one), and its
    /// code must not be exchanged. Compared in constant time.
    /// </summary>
    /// <param name="state">The redirect's <c>state</c> query parameter; <see langword="null"/> when it had none.</param>
    /// <returns><see langword="true"/> when it is exactly <see cref="State"/>.</returns>
    public bool IsExpectedState(string? state) => StateMatches(State, state);

    /// <summary>
    /// Whether a redirect's <c>state</c> is the one an application kept (in a cookie or its session,
    /// say) when it sent the user to Pinterest; for when the request itself is not kept. Compared in
    /// constant time; a missing value on either side never matches.
    /// </summary>
    /// <param name="expected">The <see cref="State"/> the application kept.</param>
    /// <param name="received">The redirect's <c>state</c> query parameter.</param>
    /// <returns><see langword="true"/> when both are present and equal.</returns>
    public static bool StateMatches(string? expected, string? received) =>
        !string.IsNullOrEmpty(expected) && received is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));

    /// <summary>Describes the request without its state.</summary>
    /// <returns>The redirect URI, with the state shown as <c>***</c>.</returns>
    public override string ToString() => $"PinterestAuthorizationRequest {{ RedirectUri = {RedirectUri}, State = *** }}";
}
