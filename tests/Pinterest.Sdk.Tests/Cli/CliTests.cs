using System.Globalization;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Tests.Cli;

public class CliTests
{
    private const string Account = "549755885175";

    /// <summary>What the SDK reads from a stub like the tool's embedded one: the figures the tool must show.</summary>
    private static async Task<AudienceInsightsResponse> SampleAsync(AudienceInsightType type)
    {
        using var stub = PinterestStubServer.Start();
        return await stub.CreateClient().GetAudienceInsightsAsync(Account, type);
    }

    [Test]
    public async Task Compare_as_json_parses_back_with_every_category_indexed_highest_first()
    {
        var result = await CliRun.RunAsync(["compare", Account, "--json"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var json = JObject.Parse(result.Output);
        var indexes = json["categories"]!.Select(c => c.Value<double?>("index")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json.Value<string>("adAccountId"), Is.EqualTo(Account));
            Assert.That(json["sizes"]!.Value<long>("pinterestTotal"), Is.GreaterThan(json["sizes"]!.Value<long>("yourTotal")));
            Assert.That(indexes, Is.Not.Empty.And.Ordered.Descending);
            Assert.That(json["demographics"]!.Select(d => d.Value<string>("dimension")).Distinct(), Is.SupersetOf(new[] { "age", "gender", "country" }));
            Assert.That(result.Errors, Does.Contain("SAMPLE DATA"), "the user is told the data is not theirs");
        });
    }

    [Test]
    public async Task Insights_as_json_is_the_apis_own_document()
    {
        var expected = await SampleAsync(AudienceInsightType.YourEngagedAudience);

        var result = await CliRun.RunAsync(["insights", Account, "--type", "your-engaged", "--json"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var json = JObject.Parse(result.Output);
        Assert.That(json.Value<string>("type"), Is.EqualTo("YOUR_ENGAGED_AUDIENCE"));
        Assert.That(json.Value<int>("size"), Is.EqualTo(expected.Size));
        Assert.That(json["demographics"]!["ages"]!.Count(), Is.EqualTo(expected.Demographics!.Ages!.Count));
    }

    [Test]
    public async Task Insights_for_people_shows_the_size_the_top_country_and_the_top_category()
    {
        var expected = await SampleAsync(AudienceInsightType.YourTotalAudience);
        var topCountry = expected.Demographics!.Countries!.MaxBy(c => c.Ratio)!;
        var topCategory = expected.Categories!.MaxBy(c => c.Ratio)!;

        var result = CliProcess.Run(["insights", Account]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain(expected.Size!.Value.ToString("N0", CultureInfo.InvariantCulture)));
        Assert.That(result.Output, Does.Contain(topCountry.Name).And.Contain((topCountry.Ratio!.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"));
        Assert.That(result.Output, Does.Contain("Top interest categories").And.Contain(topCategory.Name));
    }

    [Test]
    public async Task Compare_for_people_shows_the_most_over_indexed_category_with_its_index()
    {
        using var stub = PinterestStubServer.Start();
        var comparison = await stub.CreateClient().CompareAudiencesAsync(Account);
        var top = comparison.Categories[0];

        var result = await CliRun.RunAsync(["compare", Account]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var row = result.Output.Split('\n').First(line => line.Contains(top.Name, StringComparison.Ordinal));
        Assert.That(row, Does.Contain(top.Index!.Value.ToString("0", CultureInfo.InvariantCulture)));
        Assert.That(result.Output, Does.Contain("Pinterest total audience").And.Contain("over-indexed"));
    }

    [Test]
    public async Task Audiences_lists_the_scopes()
    {
        var result = await CliRun.RunAsync(["audiences", Account]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain("PARTNER").And.Contain("PINTEREST").And.Contain("IMPRESSION_PLUS_ENGAGEMENT"));
    }

    [TestCase(new[] { "insights", Account, "--type", "everyone" }, "everyone", TestName = "An_unknown_audience_type_is_a_usage_error")]
    [TestCase(new[] { "insights" }, "Required argument missing", TestName = "A_missing_account_is_a_usage_error")]
    [TestCase(new[] { "frobnicate", Account }, "frobnicate", TestName = "An_unknown_command_is_a_usage_error")]
    [TestCase(new[] { "insights", "12ab" }, "12ab", TestName = "A_malformed_account_id_is_a_usage_error_before_any_request")]
    [TestCase(new[] { "login", "--timeout", "99999999" }, "--timeout must be between 1 and 86400 seconds (a day).", TestName = "A_login_timeout_beyond_a_day_is_a_usage_error")]
    public async Task Bad_arguments_give_a_message_and_exit_code_2(string[] arguments, string mentioned)
    {
        var result = await CliRun.RunAsync(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain(mentioned));
        Assert.That(result.Errors + result.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task With_a_token_it_calls_the_api_and_an_api_failure_is_a_message_and_exit_code_1()
    {
        using var api = PinterestStubServer.Start(new PinterestStubServerOptions { AccessToken = "pina_real-looking" });

        var ok = await CliRun.RunAsync(["audiences", Account, "--json"], ("PINTEREST_ACCESS_TOKEN", "pina_real-looking"), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()));
        var refused = await CliRun.RunAsync(["audiences", Account], ("PINTEREST_ACCESS_TOKEN", "pina_expired-token"), ("PINTEREST_API_BASE_URL", api.BaseUrl.ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(ok.ExitCode, Is.Zero, ok.Errors);
            Assert.That(JObject.Parse(ok.Output)["items"], Is.Not.Empty);
            Assert.That(ok.Errors, Does.Not.Contain("SAMPLE DATA"));
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Errors, Does.Contain("HTTP 401").And.Contain("Check PINTEREST_ACCESS_TOKEN"));
            Assert.That(refused.Errors + refused.Output, Does.Not.Contain("pina_expired-token").And.Not.Contain("   at "));
        });
    }

    [TestCase("Bearer pina_abc", "starts with \"Bearer \"")]
    [TestCase("pina_a b", "cannot be sent in a header")]
    public async Task A_token_that_cannot_be_sent_is_a_message_and_exit_code_2(string token, string expected)
    {
        var result = await CliRun.RunAsync(["audiences", Account], ("PINTEREST_ACCESS_TOKEN", token));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain(expected).And.Contain("PINTEREST_ACCESS_TOKEN").And.Not.Contain("PinterestClientOptions").And.Not.Contain("(Parameter"));
        Assert.That(result.Errors + result.Output, Does.Not.Contain("   at ").And.Not.Contain(token), "no stack trace, no token");
    }

    [TestCase("http://api.example.com/v5/", "https")]
    [TestCase("https://user:secret@api.example.com/v5/", "user")]
    public async Task A_base_url_the_sdk_refuses_is_named_as_the_environment_variable(string baseUrl, string expected)
    {
        var result = await CliRun.RunAsync(["audiences", Account], ("PINTEREST_ACCESS_TOKEN", "pina_real-looking"), ("PINTEREST_API_BASE_URL", baseUrl));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("PINTEREST_API_BASE_URL").And.Contain(expected).And.Not.Contain("PinterestClientOptions"));
        Assert.That(result.Errors + result.Output, Does.Not.Contain("   at ").And.Not.Contain("secret"), "no stack trace, no secret");
    }

    [Test]
    public async Task A_base_url_without_a_token_is_said_to_be_ignored()
    {
        var result = await CliRun.RunAsync(["audiences", Account], ("PINTEREST_API_BASE_URL", "http://127.0.0.1:1/v5/"), ("PINTEREST_ACCESS_TOKEN", ""));

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Errors, Does.Contain("PINTEREST_API_BASE_URL is ignored").And.Contain("SAMPLE DATA"));
    }

    [Test]
    public async Task Help_names_the_environment_variables_and_the_exit_codes()
    {
        var result = await CliRun.RunAsync(["--help"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain("PINTEREST_ACCESS_TOKEN").And.Contain("PINTEREST_API_BASE_URL").And.Contain("Exit codes"));
    }
}
