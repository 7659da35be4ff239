using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the <see cref="IPinterestTokenStore"/> through which the replicas of an application share
/// their credential's tokens: next to <c>AddPinterestSdk</c>, one call naming the store.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);      // the IDistributedCache
/// builder.Services.AddPinterestSdk(builder.Configuration.GetSection("Pinterest"));
/// builder.Services.AddPinterestDistributedTokenStore(o => o.Protector = PinterestTokenProtector.AesGcm(tokenKey));
/// </code>
/// </example>
public static class PinterestTokenStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store <paramref name="create"/> makes (once, a singleton) as
    /// <see cref="IPinterestTokenStore"/>, and gives it to the client's token-endpoint credential
    /// (<see cref="PinterestRefreshTokenCredential"/>, <see cref="PinterestClientCredentialsCredential"/>;
    /// the options' <see cref="PinterestClientOptions.Credential"/>, or a <see cref="PinterestCredential"/>
    /// registered in the container) when its options named no <see cref="PinterestTokenCredentialOptions.TokenStore"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="create">Makes the store.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPinterestTokenStore(this IServiceCollection services, Func<IServiceProvider, IPinterestTokenStore> create)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.Replace(ServiceDescriptor.Singleton(create));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PinterestClientOptions>, TokenStoreForTheCredential>());
        return services;
    }

    /// <summary>
    /// Registers a <see cref="PinterestDistributedTokenStore"/> over the container's
    /// <see cref="IDistributedCache"/> (<c>AddStackExchangeRedisCache</c>, <c>AddDistributedSqlServerCache</c>, ...)
    /// as the <see cref="IPinterestTokenStore"/>, as <see cref="AddPinterestTokenStore"/> does.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">
    /// Sets the store's options: a <see cref="PinterestDistributedTokenStoreOptions.Protector"/>, or
    /// <see cref="PinterestDistributedTokenStoreOptions.StoreUnprotected"/> to keep tokens as they are.
    /// </param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPinterestDistributedTokenStore(this IServiceCollection services, Action<PinterestDistributedTokenStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PinterestDistributedTokenStoreOptions>().Configure(configure);
        return services.AddPinterestTokenStore(static sp => new PinterestDistributedTokenStore(
            sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<IOptions<PinterestDistributedTokenStoreOptions>>().Value));
    }

    /// <summary>Gives the container's store to the credential the client calls with, unless that credential has one.</summary>
    private sealed class TokenStoreForTheCredential(IServiceProvider services) : IPostConfigureOptions<PinterestClientOptions>
    {
        public void PostConfigure(string? name, PinterestClientOptions options)
        {
            // The credential AddPinterestSdk's own defaults pick, whichever of the two runs first.
            var credential = options.Credential
                ?? (options.AccessToken is null && options.AccessTokenProvider is null ? services.GetService<PinterestCredential>() : null);
            if (credential is PinterestTokenEndpointCredential tokenEndpoint)
                tokenEndpoint.UseStoreIfNone(services.GetRequiredService<IPinterestTokenStore>());
        }
    }
}
