using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Tests.DependencyInjection;

/// <summary>
/// <c>AddPinterestSdk</c> plus one call naming the store: replicas (here two hosts over one real Redis,
/// through <c>AddStackExchangeRedisCache</c>) share the tokens their credential renews.
/// </summary>
public class TokenStoreRegistrationTests : StubbedClientTest
{
    private static readonly byte[] TokenKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private TokenEndpointStub _endpoint = null!;

    [SetUp]
    public void StartEndpoint() => _endpoint = new TokenEndpointStub();

    [TearDown]
    public void StopEndpoint() => _endpoint.Dispose();

    /// <summary>One replica of the application, as its Program.cs sets it up.</summary>
    private IHost Replica(Action<IServiceCollection> store)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<PinterestCredential>(new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "1484234", ClientSecret = "app-secret", RefreshToken = "pinr_1",
            TokenUrl = TokenEndpointStub.Url, HttpClient = _endpoint.Client(),
        }));
        builder.Services.AddPinterestSdk(o => o.BaseUrl = Stub.BaseUrl);
        store(builder.Services);
        return builder.Build();
    }

    [Test]
    public async Task Two_replicas_over_redis_share_the_tokens_one_of_them_renewed()
    {
        using var redis = RedisServer.Start();
        void Redis(IServiceCollection services)
        {
            services.AddStackExchangeRedisCache(o => o.Configuration = redis.ConnectionString);
            services.AddPinterestDistributedTokenStore(o => o.Protector = PinterestTokenProtector.AesGcm(TokenKey));
        }
        using var first = Replica(Redis);
        using var second = Replica(Redis);
        await first.StartAsync();
        await second.StartAsync();

        await first.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);
        await second.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(_endpoint.Requests, Is.EqualTo(1), "the second replica took the first one's tokens from Redis");
        Assert.That(Stub.Requests.Select(r => r.RequestMessage!.Headers!["Authorization"].Single()), Is.All.EqualTo("Bearer pina_1"));
        Assert.That(first.Services.GetRequiredService<IPinterestTokenStore>(), Is.TypeOf<PinterestDistributedTokenStore>());
        await first.StopAsync();
        await second.StopAsync();
    }

    [Test]
    public async Task A_store_of_the_applications_own_is_given_to_the_credential_that_names_none()
    {
        var shared = new MemoryDistributedCache(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        IPinterestTokenStore? made = null;
        void Own(IServiceCollection services) => services.AddPinterestTokenStore(_ => made = new PinterestDistributedTokenStore(shared, new PinterestDistributedTokenStoreOptions { StoreUnprotected = true }));
        using var host = Replica(Own);
        await host.StartAsync();

        await host.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        var credential = (PinterestTokenEndpointCredential)host.Services.GetRequiredService<PinterestCredential>();
        Assert.That(credential.Store, Is.SameAs(made));
        Assert.That(await shared.GetAsync("pinterest-sdk:tokens:" + credential.StoreKey()), Is.Not.Null, "the renewed tokens are in the application's store");
        await host.StopAsync();
    }

    [Test]
    public void A_distributed_store_without_a_protector_stops_the_host_at_start()
    {
        using var host = Replica(services =>
        {
            services.AddDistributedMemoryCache();
            services.AddPinterestDistributedTokenStore(_ => { });
        });

        var e = Assert.CatchAsync(() => host.StartAsync());

        Assert.That(e!.ToString(), Does.Contain("Protector is required"));
    }
}
