using Microsoft.Extensions.Logging;
using Pinterest.Sdk.Cli.Login;
using Pinterest.Sdk.Redis;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// The client the commands use, from the first of: <c>PINTEREST_ACCESS_TOKEN</c>; the login
/// <c>pinterest-insights login</c> stored (renewed with <c>PINTEREST_APP_ID</c> and
/// <c>PINTEREST_APP_SECRET</c> when it is about to expire or is rejected); the sample data of
/// <see cref="PinterestStubHandler"/>, answered in process (no server to start). With
/// <c>PINTEREST_REDIS</c> (a StackExchange.Redis connection string) the calls take their turns from one
/// rate-limit budget in Redis, shared by every process on the same token (a fleet of exports or snapshots).
/// </summary>
internal sealed class ApiSession(IAudienceInsightsClient client, PinterestStubHandler? stub, string authenticationAdvice,
    IDisposable? budgetStore = null, PinterestTokenEndpointCredential? credential = null, TimeProvider? clock = null) : IAsyncDisposable
{
    /// <summary>The variable that names the Redis a fleet shares its rate-limit budget through.</summary>
    public const string RedisVariable = "PINTEREST_REDIS";

    // A renewal in the background may outlive the command: the stored login is rewritten when it ends.
    private static readonly TimeSpan LongestRenewalWait = TimeSpan.FromMinutes(1);

    public IAudienceInsightsClient Client { get; } = client;

    public bool IsSample => stub is not null;

    public IReadOnlyList<string> SampleAdAccountIds => stub?.AdAccountIds ?? [];

    /// <summary>What to do when Pinterest refuses this session's token.</summary>
    public string AuthenticationAdvice { get; } = authenticationAdvice;

    /// <param name="context">The variables, the stored login, the clock and the HTTP handler; notices go to its standard error.</param>
    /// <exception cref="ArgumentException">A setting is invalid, or the stored login cannot be used as it is.</exception>
    /// <exception cref="LoginStoreException">The stored login is damaged or readable by others.</exception>
    public static ApiSession Open(CliContext context)
    {
        if (context.IsSet("PINTEREST_ACCESS_TOKEN"))
            return Create(context, new PinterestClientOptions { AccessToken = context.Variable("PINTEREST_ACCESS_TOKEN")!.Trim(), BaseUrl = context.ApiBaseUrl() },
                "Check PINTEREST_ACCESS_TOKEN: it must be a current access token with the ads:read scope.");

        if (context.LoginStore.Read() is { } login)
            return FromStoredLogin(context, login);

        if (context.Variable("PINTEREST_API_BASE_URL") is { Length: > 0 })
            context.Error.WriteLine("PINTEREST_API_BASE_URL is ignored: it applies only with PINTEREST_ACCESS_TOKEN or a stored login.");
        if (context.IsSet(RedisVariable))
            context.Error.WriteLine($"{RedisVariable} is ignored: it applies only with PINTEREST_ACCESS_TOKEN or a stored login.");
        var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = context.Clock });
        return new ApiSession(stub.CreateClient(options => options.TimeProvider = context.Clock), stub, "");
    }

    /// <summary>
    /// The stored login's access token, renewed with the app's secret when it is due or rejected;
    /// each renewal is stored before the new token is used, since Pinterest rotates refresh tokens.
    /// </summary>
    private static ApiSession FromStoredLogin(CliContext context, StoredLogin login)
    {
        var baseUrl = context.UrlVariable("PINTEREST_API_BASE_URL") is null ? login.ApiBaseUrl : context.ApiBaseUrl();
        var app = AppCredentials.From(context);
        if (app is null || app.Id != login.AppId)
        {
            var why = app is null ? "PINTEREST_APP_ID and PINTEREST_APP_SECRET are not both set" : $"PINTEREST_APP_ID is not the app this login is for ({login.AppId})";
            if (login.AccessTokenExpiresAt <= context.Clock.GetUtcNow())
                throw new ArgumentException($"Your stored Pinterest login expired on {login.AccessTokenExpiresAt:yyyy-MM-dd HH:mm} UTC and cannot be renewed: {why}. " +
                    "Set them to renew it, or run 'pinterest-insights login' again.");
            return Create(context, new PinterestClientOptions { AccessToken = login.AccessToken, BaseUrl = baseUrl },
                $"Pinterest refused your stored login's access token, and it cannot be renewed: {why}. Set them to renew it, or run 'pinterest-insights login' again.");
        }

        var current = login;
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = app.Id,
            ClientSecret = app.Secret,
            AccessToken = login.AccessToken,
            AccessTokenExpiresAt = login.AccessTokenExpiresAt,
            RefreshToken = login.RefreshToken,
            TokenUrl = PinterestTokenCredentialOptions.TokenUrlFor(baseUrl),
            HttpClient = context.HttpClient,
            TimeProvider = context.Clock,
            TokensRefreshed = (tokens, _) =>
            {
                current = current with
                {
                    AccessToken = tokens.AccessToken,
                    AccessTokenExpiresAt = tokens.AccessTokenExpiresAt,
                    RefreshToken = tokens.RefreshToken,
                    RefreshTokenExpiresAt = tokens.RefreshTokenExpiresAt ?? current.RefreshTokenExpiresAt,
                    Scope = tokens.Scope ?? current.Scope,
                };
                context.LoginStore.Write(current);
                return Task.CompletedTask;
            },
        })
        {
            // The login does not say which user it is: with PINTEREST_REDIS, the app's logins share one budget.
            RateLimitBudgetName = $"pinterest-insights login of app {app.Id}",
        };
        return Create(context, new PinterestClientOptions { Credential = credential, BaseUrl = baseUrl },
            "Your stored Pinterest login is no longer accepted (revoked, or unused for too long): run 'pinterest-insights login' again.");
    }

    private static ApiSession Create(CliContext context, PinterestClientOptions options, string authenticationAdvice)
    {
        options.TimeProvider = context.Clock;
        RedisRateLimitBudgetStore? budget = null;
        try
        {
            if (context.Variable(RedisVariable) is { } redis && !string.IsNullOrWhiteSpace(redis))
            {
                budget = RedisRateLimitBudgetStore.Connect(redis.Trim());
                options.RateLimitBudgetStore = budget;
                // What the SDK says of the shared budget (Redis down, and back) reaches the user; nothing else it logs does.
                options.LoggerFactory = new BudgetNotices(context.Error);
            }
            var client = context.HttpClient is { } http ? new AudienceInsightsClient(http, options) : new AudienceInsightsClient(options);
            return new ApiSession(client, null, authenticationAdvice, budget, options.Credential as PinterestTokenEndpointCredential, context.Clock);
        }
        catch (ArgumentException e)
        {
            budget?.Dispose();
            // The SDK names its options; the user of the tool set environment variables.
            var message = ArgumentMessages.Of(e)
                .Replace("PinterestClientOptions.AccessToken", "PINTEREST_ACCESS_TOKEN", StringComparison.Ordinal)
                .Replace("PinterestClientOptions.BaseUrl", "PINTEREST_API_BASE_URL", StringComparison.Ordinal)
                .Replace("The Redis connection string", RedisVariable, StringComparison.Ordinal);
            throw new ArgumentException(message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Pinterest may have rotated the refresh token in a renewal still running: its tokens are
        // stored (TokensRefreshed) before the process exits, or the next run would be refused. A
        // token endpoint that never answers holds the exit at most LongestRenewalWait (on the CLI's clock).
        if (credential is not null)
        {
            try
            {
                await credential.WaitForRenewalAsync().WaitAsync(LongestRenewalWait, clock ?? TimeProvider.System).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
        stub?.Dispose();
        budgetStore?.Dispose();
    }

    /// <summary>Writes the SDK's notices about the shared rate-limit budget (events 20 and 21) to standard error.</summary>
    private sealed class BudgetNotices(TextWriter error) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = eventId.Id switch
            {
                // Redis's own message names every connection detail; the kind of failure is enough here.
                20 => $"{RedisVariable}: the shared rate-limit budget did not answer ({Value(state, "ErrorType")}); this process paces itself until it answers again.",
                21 => $"{RedisVariable}: the shared rate-limit budget answers again.",
                _ => null,
            };
            if (line is null)
                return;
            lock (error)
                error.WriteLine(line);
        }

        private static object? Value<TState>(TState state, string name) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? values.FirstOrDefault(v => v.Key == name).Value : null;

        public void Dispose()
        {
        }
    }
}
