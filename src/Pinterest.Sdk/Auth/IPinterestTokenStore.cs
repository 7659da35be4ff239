namespace Pinterest.Sdk;

/// <summary>
/// Where a token-endpoint credential (<see cref="PinterestRefreshTokenCredential"/>,
/// <see cref="PinterestClientCredentialsCredential"/>) keeps its current tokens, so that several
/// replicas of an application share them: a replica whose token is due first reads the store and
/// takes what another replica renewed; it renews only when the store holds nothing newer, and writes
/// the new tokens (a rotated refresh token among them) to the store before any call uses them.
/// <see cref="PinterestDistributedTokenStore"/> keeps them in any <c>IDistributedCache</c> (Redis,
/// SQL Server, ...); implement this interface for another store.
/// </summary>
/// <remarks>
/// The key is made by the credential: a hash of the grant, the app's id, the token URL and what
/// names the tokens within the app (<see cref="PinterestRefreshTokenOptions.UserKey"/>, or the scope of
/// an app token). It never contains a token or the secret. The store is read only when a token is due,
/// expired or rejected, never on every call. A store that fails (throws) costs no call: a failed read
/// is logged and the credential goes on with the tokens it holds; a failed write is logged, counted,
/// and fails only the calls waiting for that renewal, as a failing
/// <see cref="PinterestRefreshTokenOptions.TokensRefreshed"/> does.
/// </remarks>
public interface IPinterestTokenStore
{
    /// <summary>The tokens stored under <paramref name="key"/>, or <see langword="null"/> when there are none.</summary>
    /// <param name="key">The credential's key: a hash, never a token.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The stored tokens, or <see langword="null"/>.</returns>
    Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="tokens"/> under <paramref name="key"/>, replacing what was there.</summary>
    /// <param name="key">The credential's key: a hash, never a token.</param>
    /// <param name="tokens">The tokens a renewal returned.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes once the tokens are stored.</returns>
    Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken);
}

/// <summary>The tokens a credential keeps in an <see cref="IPinterestTokenStore"/>.</summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires, if known.</param>
/// <param name="RefreshToken">The refresh token to send next (none for an app token).</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires, if Pinterest said.</param>
/// <param name="Scope">The scopes the access token grants, as Pinterest listed them.</param>
public sealed record PinterestStoredTokens(
    string AccessToken,
    DateTimeOffset? AccessTokenExpiresAt,
    string? RefreshToken = null,
    DateTimeOffset? RefreshTokenExpiresAt = null,
    string? Scope = null)
{
    /// <summary>Describes the tokens without revealing them.</summary>
    /// <returns>The expiry times and scope, with the tokens shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"PinterestStoredTokens {{ AccessToken = ***, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshToken = {(RefreshToken is null ? "(none)" : "***")}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O}, Scope = {Scope} }}";
}
