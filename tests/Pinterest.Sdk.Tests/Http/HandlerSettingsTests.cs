using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>The SDK's own pool and <c>AddPinterestSdk</c>'s typed client connect with the same handler settings.</summary>
public class HandlerSettingsTests
{
    [Test]
    public void The_containers_primary_handler_has_the_shared_pools_settings()
    {
        var services = new ServiceCollection();
        services.AddPinterestSdk(options => options.AccessToken = "token");
        using var provider = services.BuildServiceProvider();

        var handler = PrimaryHandler(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(PinterestServiceCollectionExtensions.HttpClientName));
        var shared = SharedHttpClient.CreateHandler();

        Assert.Multiple(() =>
        {
            // Without it an unreachable host held each attempt for the OS's connect timeout.
            Assert.That(handler.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(handler.ConnectTimeout, Is.EqualTo(shared.ConnectTimeout));
            Assert.That(handler.AllowAutoRedirect, Is.False);
            Assert.That(handler.AutomaticDecompression, Is.EqualTo(DecompressionMethods.All));
            Assert.That(handler.PooledConnectionLifetime, Is.EqualTo(shared.PooledConnectionLifetime));
        });
    }

    private static SocketsHttpHandler PrimaryHandler(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
            handler = delegating.InnerHandler!;
        return (SocketsHttpHandler)handler;
    }
}
