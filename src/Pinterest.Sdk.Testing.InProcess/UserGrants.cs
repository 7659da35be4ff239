using System.Security.Cryptography;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// The stub's record of the authorization-code flow: one-time codes, and the users' access and
/// refresh tokens it issued, which refreshes rotate and tests can revoke.
/// </summary>
internal sealed class UserGrants
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _issuedRefreshTokens = new(StringComparer.Ordinal);

    /// <summary>A code the token endpoint takes once, with <paramref name="redirectUri"/>.</summary>
    public string NewCode(string redirectUri)
    {
        var code = "stub-code-" + Random();
        lock (_gate)
            _codes[code] = redirectUri;
        return code;
    }

    /// <summary>The user's new tokens for <paramref name="code"/>, or null when it is unknown, used, or for another redirect URI.</summary>
    public (string AccessToken, string RefreshToken)? Redeem(string? code, string? redirectUri)
    {
        lock (_gate)
        {
            if (code is null || !_codes.Remove(code, out var expected) || expected != redirectUri)
                return null;
            return IssueLocked();
        }
    }

    /// <summary>Whether the stub issued <paramref name="refreshToken"/> (refreshes of other tokens are answered the old way).</summary>
    public bool Issued(string refreshToken)
    {
        lock (_gate)
            return _issuedRefreshTokens.Contains(refreshToken);
    }

    /// <summary>New tokens in place of <paramref name="refreshToken"/>, which stops working; null when it already has.</summary>
    public (string AccessToken, string RefreshToken)? Rotate(string refreshToken)
    {
        lock (_gate)
            return _refreshTokens.Remove(refreshToken) ? IssueLocked() : null;
    }

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer</c> and an access token issued here and not revoked.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return false;
        lock (_gate)
            return _accessTokens.Contains(authorization["Bearer ".Length..]);
    }

    public void RevokeAccessTokens()
    {
        lock (_gate)
            _accessTokens.Clear();
    }

    public void RevokeRefreshTokens()
    {
        lock (_gate)
            _refreshTokens.Clear();
    }

    private (string AccessToken, string RefreshToken) IssueLocked()
    {
        var (access, refresh) = ("pina_stub-user-" + Random(), "pinr_stub-user-" + Random());
        _accessTokens.Add(access);
        _refreshTokens.Add(refresh);
        _issuedRefreshTokens.Add(refresh);
        return (access, refresh);
    }

    private static string Random() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
}
