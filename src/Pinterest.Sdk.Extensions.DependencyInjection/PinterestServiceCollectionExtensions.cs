using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IAudienceInsightsClient"/> with dependency injection.</summary>
/// <example>
/// <code>
/// builder.Services.AddPinterestSdk(builder.Configuration.GetSection("Pinterest"));
/// // then inject IAudienceInsightsClient anywhere
/// </code>
/// </example>
public static class PinterestServiceCollectionExtensions
{
    /// <summary>The configuration section the README and samples use: <c>"Pinterest"</c>.</summary>
    public const string DefaultSectionName = "Pinterest";

    /// <summary>The name of the <see cref="HttpClient"/> the SDK's typed client uses.</summary>
    public const string HttpClientName = "Pinterest.Sdk";

    /// <summary>
    /// Registers <see cref="IAudienceInsightsClient"/> (and <see cref="AudienceInsightsClient"/>) as a
    /// typed client of <c>IHttpClientFactory</c>, with options bound from the application's
    /// configuration section <c>"Pinterest"</c> (<see cref="DefaultSectionName"/>).
    /// </summary>
    /// <param name="services">The service collection; it must hold an <see cref="IConfiguration"/>, as a host's does.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers (for example a proxy).</returns>
    public static IHttpClientBuilder AddPinterestSdk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PinterestClientOptions>().BindConfiguration(DefaultSectionName);
        return AddClient(services);
    }

    /// <summary>
    /// Registers <see cref="IAudienceInsightsClient"/> (and <see cref="AudienceInsightsClient"/>) as a
    /// typed client of <c>IHttpClientFactory</c>, configured by <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client options.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers (for example a proxy).</returns>
    public static IHttpClientBuilder AddPinterestSdk(this IServiceCollection services, Action<PinterestClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PinterestClientOptions>().Configure(configure);
        return AddClient(services);
    }

    /// <summary>
    /// Registers <see cref="IAudienceInsightsClient"/> (and <see cref="AudienceInsightsClient"/>) as a
    /// typed client of <c>IHttpClientFactory</c>, with options bound from <paramref name="section"/>
    /// (usually <c>configuration.GetSection("Pinterest")</c>) and then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section holding <see cref="PinterestClientOptions"/>' settings by name.</param>
    /// <param name="configure">Sets what configuration cannot hold, such as a credential; optional.</param>
    /// <returns>The builder of the SDK's <see cref="HttpClient"/>, to add handlers (for example a proxy).</returns>
    public static IHttpClientBuilder AddPinterestSdk(this IServiceCollection services, IConfiguration section, Action<PinterestClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = services.AddOptions<PinterestClientOptions>().Bind(section);
        if (configure is not null)
            options.Configure(configure);
        return AddClient(services);
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services)
    {
        services.AddOptions<PinterestClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestClientOptions>, PinterestClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PinterestClientOptions>, PinterestClientOptionsDefaults>());
        services.TryAddTransient(sp => (AudienceInsightsClient)sp.GetRequiredService<IAudienceInsightsClient>());
        services.TryAddSingleton<CheckedOptions>();

        return services
            .AddHttpClient<IAudienceInsightsClient, AudienceInsightsClient>(HttpClientName, static (http, sp) =>
                new AudienceInsightsClient(http, sp.GetRequiredService<CheckedOptions>().Current))
            // The SDK times each attempt itself (PinterestClientOptions.Timeout); HttpClient's own
            // 100 s limit would otherwise cut a call across its retries.
            .ConfigureHttpClient(static http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The SDK's own handler settings (no redirects, decompression, the connect timeout).
            .ConfigurePrimaryHttpMessageHandler(static () => SharedHttpClient.CreateHandler())
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => ResilienceHandlers.RemoveFrom(handlers));
    }

    /// <summary>
    /// The container's options, checked (and their retry pipeline built) once per options object: a
    /// typed client is created per resolution, and the options change only when the configuration
    /// reloads. Which budget the clients spend is the options' credential's (<see cref="PinterestCredential"/>).
    /// </summary>
    private sealed class CheckedOptions(IOptionsMonitor<PinterestClientOptions> monitor)
    {
        private Checked? _current;

        public ValidatedOptions Current
        {
            get
            {
                var options = monitor.CurrentValue;
                if (Volatile.Read(ref _current) is { } current && ReferenceEquals(current.Source, options))
                    return current.Options;
                var made = options.Validate();
                Volatile.Write(ref _current, new Checked(options, made));
                return made;
            }
        }

        private sealed record Checked(PinterestClientOptions Source, ValidatedOptions Options);
    }

    /// <summary>
    /// Fills in what the container knows: its logger factory and meter factory, a registered
    /// <see cref="PinterestCredential"/>, and a registered <see cref="IRateLimitBudgetStore"/> (one budget
    /// shared by every replica, for example <c>AddPinterestRedisRateLimitBudget</c>'s).
    /// </summary>
    private sealed class PinterestClientOptionsDefaults(IServiceProvider services) : IPostConfigureOptions<PinterestClientOptions>
    {
        public void PostConfigure(string? name, PinterestClientOptions options)
        {
            options.LoggerFactory ??= services.GetService<ILoggerFactory>();
            options.MeterFactory ??= services.GetService<System.Diagnostics.Metrics.IMeterFactory>();
            if (options.AccessToken is null && options.AccessTokenProvider is null)
                options.Credential ??= services.GetService<PinterestCredential>();
            options.RateLimitBudgetStore ??= services.GetService<IRateLimitBudgetStore>();
        }
    }
}
