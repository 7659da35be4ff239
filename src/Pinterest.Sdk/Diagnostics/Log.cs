using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// The SDK's log events. Source-generated, so a disabled level costs a flag check. They carry the
/// route template, never argument values from headers, and never the access token.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Sending {Method} {Route} (attempt {Attempt})")]
    public static partial void Sending(ILogger logger, string method, string route, int attempt);

    [LoggerMessage(2, LogLevel.Information, "{Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms (attempt {Attempt}, request id {RequestId})")]
    public static partial void Received(ILogger logger, string method, string route, int statusCode, double elapsedMs, int attempt, string? requestId);

    [LoggerMessage(3, LogLevel.Warning, "{Method} {Route} failed ({Reason}) on attempt {Attempt}; retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string method, string route, string reason, int attempt, double delayMs);

    [LoggerMessage(4, LogLevel.Warning, "{Method} {Route} failed after {Attempts} attempt(s) in {ElapsedMs:0.0} ms: {Reason} (status {StatusCode}, Pinterest code {ErrorCode}, request id {RequestId})")]
    public static partial void Failed(ILogger logger, string method, string route, int attempts, double elapsedMs, string reason, int statusCode, int? errorCode, string? requestId);

    [LoggerMessage(5, LogLevel.Information, "Refreshed the Pinterest access token; it expires at {ExpiresAt:O} (refresh token rotated: {Rotated})")]
    public static partial void TokenRefreshed(ILogger logger, DateTimeOffset expiresAt, bool rotated);

    [LoggerMessage(6, LogLevel.Error, "Refreshing the Pinterest access token failed (status {StatusCode}, Pinterest code {ErrorCode}, request id {RequestId})")]
    public static partial void TokenRefreshFailed(ILogger logger, int statusCode, int? errorCode, string? requestId);

    [LoggerMessage(7, LogLevel.Debug, "{Method} {Route}: ignored the {Header} header, whose value is not a count or a finite number of seconds")]
    public static partial void IgnoredHeader(ILogger logger, string method, string route, string header);

    // 20 and on: the shared rate-limit budget (IRateLimitBudgetStore).

    [LoggerMessage(20, LogLevel.Warning, "The rate-limit budget store {Store} failed ({Operation}: {ErrorType}: {ErrorMessage}); calls take their turns from this process's own budget until it answers again")]
    public static partial void BudgetStoreFailed(ILogger logger, string store, string operation, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "The rate-limit budget store {Store} answers again; calls take their turns from it")]
    public static partial void BudgetStoreBack(ILogger logger, string store);

    // 30 and on: token renewal and the token store.

    [LoggerMessage(30, LogLevel.Warning, "Renewing the Pinterest access token failed ({ErrorType}); calls go on with the token in hand, which expires at {ExpiresAt:O}; the next try is in {RetryInSeconds:0} s (background: {Background})")]
    public static partial void TokenRenewalFailedTokenKept(ILogger logger, string errorType, DateTimeOffset? expiresAt, double retryInSeconds, bool background);

    [LoggerMessage(31, LogLevel.Error, "Renewing the Pinterest access token failed ({ErrorType}) and there is no token to go on with; calls that need one fail with this error for the next {RetryInSeconds:0} s")]
    public static partial void TokenRenewalFailed(ILogger logger, string errorType, double retryInSeconds);

    [LoggerMessage(32, LogLevel.Warning, "Reading the Pinterest token store failed ({ErrorType}); going on with the tokens in this process")]
    public static partial void TokenStoreReadFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(33, LogLevel.Error, "Writing the renewed Pinterest tokens to the token store failed ({ErrorType}); this process uses them, other replicas cannot see them until the next renewal")]
    public static partial void TokenStoreWriteFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(34, LogLevel.Information, "Took the Pinterest tokens another replica renewed from the token store; the access token expires at {ExpiresAt:O}")]
    public static partial void TokensTakenFromStore(ILogger logger, DateTimeOffset? expiresAt);

    [LoggerMessage(35, LogLevel.Error, "Pinterest's token endpoint refused the refresh token or the app's credentials (status {StatusCode}, Pinterest code {ErrorCode}); they are not sent again: a new refresh token (from the token store, or a new sign-in) or new app credentials are needed")]
    public static partial void RefreshTokenRefused(ILogger logger, int statusCode, int? errorCode);
}
