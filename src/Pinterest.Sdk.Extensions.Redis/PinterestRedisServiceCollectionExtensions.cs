using Microsoft.Extensions.DependencyInjection.Extensions;
using Pinterest.Sdk;
using Pinterest.Sdk.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers one Pinterest rate-limit budget for a fleet, kept in Redis.</summary>
/// <example>
/// <code>
/// builder.Services.AddPinterestSdk(builder.Configuration.GetSection("Pinterest"));
/// builder.Services.AddPinterestRedisRateLimitBudget(builder.Configuration.GetConnectionString("Redis")!);
/// </code>
/// </example>
public static class PinterestRedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisRateLimitBudgetStore"/> on its own connection to
    /// <paramref name="configuration"/> as the <see cref="IRateLimitBudgetStore"/> that
    /// <c>AddPinterestSdk</c>'s clients take their turns from (unless their options name another).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A StackExchange.Redis connection string, such as <c>redis.internal:6379</c>.</param>
    /// <param name="options">Where and how long budgets are kept; optional.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static IServiceCollection AddPinterestRedisRateLimitBudget(this IServiceCollection services, string configuration, Action<RedisRateLimitBudgetOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Checked now, so a malformed string fails at start-up rather than on the first call.
        RedisRateLimitBudgetStore.Configuration(configuration);
        var settings = Settings(options);
        services.TryAddSingleton<IRateLimitBudgetStore>(_ => RedisRateLimitBudgetStore.Connect(configuration, settings));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="RedisRateLimitBudgetStore"/> over the application's own connection (it is
    /// not closed by the store) as the <see cref="IRateLimitBudgetStore"/> that <c>AddPinterestSdk</c>'s
    /// clients take their turns from.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connection">Gives the connection, for example the registered <see cref="IConnectionMultiplexer"/>.</param>
    /// <param name="options">Where and how long budgets are kept; optional.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPinterestRedisRateLimitBudget(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> connection, Action<RedisRateLimitBudgetOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        var settings = Settings(options);
        services.TryAddSingleton<IRateLimitBudgetStore>(sp => new RedisRateLimitBudgetStore(connection(sp), settings));
        return services;
    }

    private static RedisRateLimitBudgetOptions Settings(Action<RedisRateLimitBudgetOptions>? configure)
    {
        var settings = new RedisRateLimitBudgetOptions();
        configure?.Invoke(settings);
        return settings;
    }
}
