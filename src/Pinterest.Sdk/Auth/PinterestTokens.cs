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
    /// <summary>Describes the tokens without revealing them.</summary>
    /// <returns>The expiry times and scope, with both tokens shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"PinterestTokens {{ AccessToken = ***, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshToken = ***, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O}, Scope = {Scope} }}";
}
