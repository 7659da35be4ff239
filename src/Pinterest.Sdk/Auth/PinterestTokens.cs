namespace Pinterest.Sdk;

/// <summary>
/// The tokens a refresh returned, handed to <see cref="PinterestRefreshTokenOptions.TokensRefreshed"/>
/// so the application can store them.
/// </summary>
/// <param name="AccessToken">The new access token.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires (from <c>expires_in</c>).</param>
/// <param name="RefreshToken">
/// The refresh token to use next time: a new one when Pinterest rotated it, otherwise the one in use.
/// </param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires, when Pinterest said.</param>
/// <param name="Scope">The scopes the access token grants, as Pinterest listed them.</param>
public sealed record PinterestTokens(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset? RefreshTokenExpiresAt,
    string? Scope)
{
    /// <summary>
    /// Whether <paramref name="token"/> (an access or a refresh token) is one the SDK can send: not empty,
    /// and visible ASCII characters only. The SDK refuses any other before sending it, and refuses such
    /// an answer from the token endpoint; an application that stores tokens can check them by the same rule.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <returns><see langword="true"/> when it can be sent.</returns>
    public static bool IsWellFormed(string? token) => BearerToken.IsWellFormed(token);

    /// <summary>Describes the tokens without revealing them.</summary>
    /// <returns>The expiry times and scope, with both tokens shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"PinterestTokens {{ AccessToken = ***, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshToken = ***, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O}, Scope = {Scope} }}";
}
