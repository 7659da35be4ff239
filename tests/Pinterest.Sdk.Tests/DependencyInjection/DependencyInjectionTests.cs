using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.DependencyInjection;

public class DependencyInjectionTests : StubbedClientTest
{
    /// <summary>An application host the way a service builds one, with this appsettings.json.</summary>
    private static HostApplicationBuilder App(string appsettingsJson)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettingsJson)));
        return builder;
    }

    /// <summary>Options from code: the stub's token and base URL.</summary>
    private void PointAtStub(PinterestClientOptions options)
    {
        options.AccessToken = Token;
        options.BaseUrl = Stub.BaseUrl;
    }

    private string Appsettings(string extra = "") => $$"""
        {
          "Pinterest": {
            "AccessToken": "{{Token}}",
            "BaseUrl": "{{Stub.BaseUrl}}",
            "MaxRetries": 2,
            "RetryDelay": "00:00:00.010",
            "Timeout": "00:00:20"{{extra}}
          }
        }
        """;

    [Test]
    public async Task The_client_comes_from_the_container_configured_by_the_appsettings_section()
    {
        var app = App(Appsettings());
        app.Services.AddPinterestSdk(app.Configuration.GetSection("Pinterest"));
        using var host = app.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IAudienceInsightsClient>();
        var audiences = await client.GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(audiences.Items, Is.Not.Empty);
        Assert.That(Stub.Requests.Single().RequestMessage!.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + Token));
        var options = host.Services.GetRequiredService<IOptions<PinterestClientOptions>>().Value;
        Assert.That((options.MaxRetries, options.Timeout, options.RetryDelay), Is.EqualTo((2, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10))));
        await host.StopAsync();
    }

    [Test]
    public async Task Without_arguments_the_pinterest_section_of_the_hosts_configuration_is_used()
    {
        var app = App(Appsettings());
        app.Services.AddPinterestSdk();
        using var host = app.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(host.Services.GetRequiredService<IOptions<PinterestClientOptions>>().Value.MaxRetries, Is.EqualTo(2));
        Assert.That(Stub.Requests, Has.Count.EqualTo(1));
        await host.StopAsync();
    }

    [Test]
    public async Task The_options_can_come_from_code()
    {
        var services = new ServiceCollection();
        services.AddPinterestSdk(PointAtStub);
        await using var provider = services.BuildServiceProvider();

        var insights = await provider.GetRequiredService<AudienceInsightsClient>().GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Categories, Is.Not.Empty);
    }

    [Test]
    public void A_bad_setting_stops_the_application_at_start_up_with_the_reason()
    {
        var app = App($$"""{ "Pinterest": { "BaseUrl": "http://api.example.com/v5/", "AccessToken": "{{Token}}" } }""");
        app.Services.AddPinterestSdk(app.Configuration.GetSection("Pinterest"));
        using var host = app.Build();

        var e = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(e!.Message, Does.Contain("PinterestClientOptions.BaseUrl must use https"));
        Assert.That(e.Message, Does.Not.Contain(Token));
        Assert.That(Stub.Requests, Is.Empty);
    }

    [Test]
    public void A_missing_token_stops_the_application_at_start_up()
    {
        var app = App("""{ "Pinterest": { "MaxRetries": 1 } }""");
        app.Services.AddPinterestSdk(app.Configuration.GetSection("Pinterest"));
        using var host = app.Build();

        var e = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(e!.Message, Does.Contain("Set PinterestClientOptions.AccessToken, PinterestClientOptions.AccessTokenProvider or PinterestClientOptions.Credential"));
    }

    [TestCase(true, TestName = "Retries_happen_once_when_the_app_adds_a_resilience_handler_to_every_client_first")]
    [TestCase(false, TestName = "Retries_happen_once_when_the_app_adds_a_resilience_handler_to_every_client_afterwards")]
    public void Retries_happen_once(bool defaultsFirst)
    {
        Stub.RespondJson(AudiencesPath(AdAccountId), 503, """{"code": 1, "message": "down"}""");
        var app = App(Appsettings());
        if (defaultsFirst)
            app.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        app.Services.AddPinterestSdk(app.Configuration.GetSection("Pinterest"));
        if (!defaultsFirst)
            app.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        using var host = app.Build();

        Assert.ThrowsAsync<PinterestServerException>(() => host.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(Stub.Requests, Has.Count.EqualTo(3), "the first attempt and MaxRetries = 2");
    }

    [Test]
    public void A_configuration_reload_reaches_the_next_client_resolved()
    {
        Stub.RespondJson(AudiencesPath(AdAccountId), 503, """{"code": 1, "message": "down"}""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:AccessToken"] = Token,
            ["Pinterest:BaseUrl"] = Stub.BaseUrl.ToString(),
            ["Pinterest:MaxRetries"] = "2",
            ["Pinterest:RetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddPinterestSdk(configuration.GetSection("Pinterest"));
        using var provider = services.BuildServiceProvider();

        Assert.ThrowsAsync<PinterestServerException>(() => provider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId));
        configuration["Pinterest:MaxRetries"] = "0";
        configuration.Reload();
        Assert.ThrowsAsync<PinterestServerException>(() => provider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.That(Stub.Requests, Has.Count.EqualTo(3 + 1), "three attempts before the reload, one after");
    }

    [Test]
    public async Task Handlers_added_to_the_returned_builder_run_on_every_request()
    {
        var services = new ServiceCollection();
        services.AddPinterestSdk(PointAtStub).AddHttpMessageHandler(() => new TaggingHandler());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(Stub.Requests.Single().RequestMessage!.Headers!["X-Tenant"].Single(), Is.EqualTo("acme"));
    }

    [Test]
    public async Task The_sdk_logs_to_the_containers_logger_factory()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddPinterestSdk(PointAtStub);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(logs.Events.Where(e => e.Category == "Pinterest.Sdk.AudienceInsightsClient").Select(e => e.EventId), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task A_credential_registered_in_the_container_supplies_the_token()
    {
        Stub.RespondToTokenRequests(Json(200, """{"access_token": "pina_from-refresh", "token_type": "bearer", "expires_in": 3600, "scope": "ads:read"}"""));
        var app = App($$"""{ "Pinterest": { "BaseUrl": "{{Stub.BaseUrl}}" }, "PinterestOAuth": { "ClientId": "1484234", "ClientSecret": "s3cret", "RefreshToken": "pinr_1" } }""");
        app.Services.AddSingleton<PinterestCredential>(sp =>
        {
            var oauth = app.Configuration.GetSection("PinterestOAuth").Get<PinterestRefreshTokenOptions>()!;
            oauth.TokenUrl = Stub.TokenUrl;
            return new PinterestRefreshTokenCredential(oauth);
        });
        app.Services.AddPinterestSdk(app.Configuration.GetSection("Pinterest"));
        using var host = app.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsScopeAndTypeAsync(AdAccountId);

        Assert.That(Stub.Requests[^1].RequestMessage!.Headers!["Authorization"].Single(), Is.EqualTo("Bearer pina_from-refresh"));
        await host.StopAsync();
    }

    private sealed class TaggingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Tenant", "acme");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
