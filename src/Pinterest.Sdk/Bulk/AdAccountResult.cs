using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Sdk;

/// <summary>
/// What a bulk operation got for one ad account: the value, or the typed failure. One account's
/// failure never stops the others.
/// </summary>
/// <typeparam name="T">The operation's result.</typeparam>
public sealed class AdAccountResult<T>
    where T : class
{
    /// <summary>A successful result (public for fakes and tests).</summary>
    /// <param name="adAccountId">The ad account.</param>
    /// <param name="value">What Pinterest returned.</param>
    /// <param name="requestId">Pinterest's request id.</param>
    public AdAccountResult(string adAccountId, T value, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(adAccountId);
        ArgumentNullException.ThrowIfNull(value);
        (AdAccountId, Value, RequestId, WasCalled) = (adAccountId, value, requestId, true);
    }

    /// <summary>A failed result (public for fakes and tests).</summary>
    /// <param name="adAccountId">The ad account.</param>
    /// <param name="error">Why it failed.</param>
    /// <param name="wasCalled"><see langword="false"/> when the account was never called.</param>
    public AdAccountResult(string adAccountId, PinterestApiException error, bool wasCalled = true)
    {
        ArgumentNullException.ThrowIfNull(adAccountId);
        ArgumentNullException.ThrowIfNull(error);
        (AdAccountId, Error, RequestId, WasCalled) = (adAccountId, error, wasCalled ? error.RequestId : null, wasCalled);
    }

    /// <summary>The ad account.</summary>
    public string AdAccountId { get; }

    /// <summary>What Pinterest returned, when the call succeeded.</summary>
    public T? Value { get; }

    /// <summary>Pinterest's request id (<c>x-pinterest-rid</c>) of the answer, when there was one.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// Why there is no value: Pinterest's error for this account (a <see cref="PinterestNotFoundException"/>
    /// for an account that does not exist, a <see cref="PinterestPermissionException"/> for one the token
    /// may not read, …), or, when <see cref="WasCalled"/> is <see langword="false"/>, the error that
    /// stopped the run: a <see cref="PinterestRateLimitException"/> whose
    /// <see cref="PinterestApiException.RetryAfter"/> says when the quota resets, or a
    /// <see cref="PinterestAuthenticationException"/>.
    /// </summary>
    public PinterestApiException? Error { get; }

    /// <summary><see langword="true"/> when the call succeeded and <see cref="Value"/> holds the result.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>
    /// <see langword="false"/> when the account was never called because the run stopped: the quota
    /// was spent for longer than <see cref="PinterestBulkOptions.MaxQuotaWait"/> (call it again after
    /// the reset), or the token was refused.
    /// </summary>
    public bool WasCalled { get; }

    /// <inheritdoc />
    public override string ToString() => Succeeded
        ? $"{AdAccountId}: succeeded"
        : $"{AdAccountId}: {(WasCalled ? "failed" : "not called")}: {Error.Message}";
}
