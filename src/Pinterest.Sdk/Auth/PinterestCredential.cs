namespace Pinterest.Sdk;

/// <summary>
/// Supplies the OAuth access token the SDK sends as <c>Authorization: Bearer</c>, and renews it when
/// Pinterest rejects it. Use <see cref="PinterestRefreshTokenCredential"/> for tokens that expire, or
/// derive from this class to fetch tokens from a vault or another service.
/// </summary>
/// <remarks>
/// A credential is one Pinterest user for one app (or the app itself), and that is what Pinterest
/// meters: a user's tokens per user per app, an app token per app, however often the token rotates.
/// So the credential carries the rate-limit budget, and which credential a client calls with decides
/// which budget it spends (here, and only here: <see cref="Keep"/> says which credential a static token
/// gets). Every client that calls with the same credential (clients made from one
/// <see cref="PinterestClientOptions"/>, every resolution from one dependency-injection container, a
/// wrapper around any of them) counts its calls against it, learns from Pinterest's <c>X-RateLimit-*</c>
/// answers, and paces its bulk runs by it. Share one credential per user to share one budget; a
/// refreshing credential keeps its budget as its access token rotates.
/// </remarks>
public abstract class PinterestCredential
{
    private RateLimitPacer? _budget;
    private string? _budgetName;
    private string? _budgetKey;

    /// <summary>
    /// Who this credential's rate-limit budget belongs to, across processes: processes that call with
    /// credentials of the same name take their turns from one budget in a shared
    /// <see cref="IRateLimitBudgetStore"/> (<see cref="PinterestClientOptions.RateLimitBudgetStore"/>).
    /// Pinterest meters a user's tokens per user per app, and an app token per app, so name it after
    /// those (for example <c>"app 1234567/user 549755885175"</c>); it is hashed before it reaches the
    /// store, but it is no place for a secret. Defaults: a static
    /// <see cref="PinterestClientOptions.AccessToken"/> is named by a hash of the token; a
    /// <see cref="PinterestClientCredentialsCredential"/> by its app's id; anything else has no name and
    /// keeps its budget in process.
    /// </summary>
    /// <example>
    /// <code>
    /// var credential = new PinterestRefreshTokenCredential(options) { RateLimitBudgetName = $"app {appId}/user {userId}" };
    /// </code>
    /// </example>
    public string? RateLimitBudgetName
    {
        get => _budgetName ?? DefaultRateLimitBudgetName;
        init => _budgetName = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The name of the budget when none is given; see <see cref="RateLimitBudgetName"/>.</summary>
    private protected virtual string? DefaultRateLimitBudgetName => null;

    /// <summary>
    /// The budget's key in a shared store: a hash of <see cref="RateLimitBudgetName"/> (32 hexadecimal
    /// digits), decided once per credential and never holding a token; null without a name.
    /// </summary>
    internal string? RateLimitBudgetKey
    {
        get
        {
            if (Volatile.Read(ref _budgetKey) is { } key)
                return key;
            if (RateLimitBudgetName is not { } name)
                return null;
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Pinterest.Sdk rate-limit budget\n" + name));
            key = Convert.ToHexString(hash, 0, 16);
            Volatile.Write(ref _budgetKey, key);
            return key;
        }
    }

    /// <summary>
    /// The budget of this credential's tokens, created on the clock of the first client that calls
    /// with it (its <see cref="PinterestClientOptions.TimeProvider"/>).
    /// </summary>
    internal RateLimitPacer RateLimitBudget(TimeProvider clock) =>
        Volatile.Read(ref _budget) ?? Interlocked.CompareExchange(ref _budget, new RateLimitPacer(clock), null) ?? _budget!;

    /// <summary>
    /// The credential, and so the budget, for a static token (<see cref="PinterestClientOptions.AccessToken"/>
    /// or <see cref="PinterestClientOptions.AccessTokenProvider"/>): <paramref name="kept"/> while the token
    /// (or delegate) is the same, else a new one, kept there. An options object keeps one, so every client
    /// made from it spends one budget; two options objects are two budgets, as two processes are.
    /// </summary>
    internal static PinterestCredential Keep(ref PinterestCredential? kept, string? token, Func<CancellationToken, ValueTask<string>>? provider)
    {
        var current = Volatile.Read(ref kept);
        if (current is FixedTokenCredential fixedToken && provider is null && fixedToken.Token == token)
            return current;
        if (current is DelegateCredential fromDelegate && provider is not null && fromDelegate.Provider == provider)
            return current;
        PinterestCredential made = provider is not null ? new DelegateCredential(provider) : new FixedTokenCredential(token!);
        Volatile.Write(ref kept, made);
        return made;
    }

    /// <summary>Returns the access token for the next request. Called once per attempt, so keep it cheap.</summary>
    /// <param name="cancellationToken">Ends the wait, for example when the call is cancelled.</param>
    /// <returns>The access token.</returns>
    public abstract ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once per call when Pinterest answers 401 to <paramref name="rejectedAccessToken"/>.
    /// Return <see langword="true"/> when a different token is now available, and the SDK sends the
    /// call once more; the default returns <see langword="false"/> and the 401 is thrown.
    /// </summary>
    /// <param name="rejectedAccessToken">The token Pinterest rejected.</param>
    /// <param name="cancellationToken">Ends the wait, for example when the call is cancelled.</param>
    /// <returns>Whether the call should be sent again with a new token.</returns>
    public virtual ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        new(false);

    // The client's calls come through these two, with the metrics of the options or container that made
    // the client: a credential of the SDK's that goes to the token endpoint records there, not on a meter
    // of its own (it is shared by clients on different meters, and often built before any of them).
    // Others have no instrument, and their public methods are all there is.

    /// <summary><see cref="GetAccessTokenAsync(CancellationToken)"/> for a client that records on <paramref name="metrics"/>.</summary>
    internal virtual ValueTask<string> GetAccessTokenAsync(SdkMetrics metrics, CancellationToken cancellationToken) =>
        GetAccessTokenAsync(cancellationToken);

    /// <summary><see cref="RenewAfterRejectionAsync(string, CancellationToken)"/> for a client that records on <paramref name="metrics"/>.</summary>
    internal virtual ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, SdkMetrics metrics, CancellationToken cancellationToken) =>
        RenewAfterRejectionAsync(rejectedAccessToken, cancellationToken);

    /// <summary>Where tokens come from, named in error messages.</summary>
    internal virtual string Source => "The credential " + GetType().Name;
}

/// <summary>A token that never changes: <see cref="PinterestClientOptions.AccessToken"/>.</summary>
internal sealed class FixedTokenCredential(string token) : PinterestCredential
{
    public string Token => token;

    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => new(token);

    // Processes on the same token share its budget; the name holds only the token's hash.
    private protected override string? DefaultRateLimitBudgetName =>
        "access token sha256 " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    internal override string Source => "PinterestClientOptions.AccessToken";

    public override string ToString() => "FixedTokenCredential(***)";
}

/// <summary>A token from the caller's delegate: <see cref="PinterestClientOptions.AccessTokenProvider"/>.</summary>
internal sealed class DelegateCredential(Func<CancellationToken, ValueTask<string>> provider) : PinterestCredential
{
    public Func<CancellationToken, ValueTask<string>> Provider => provider;

    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => provider(cancellationToken);

    internal override string Source => "PinterestClientOptions.AccessTokenProvider";
}
