using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Cli;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// Pinterest's numbers are read and written the same on a machine whose culture writes 0,25 (German,
/// French): JSON bodies, rate-limit headers, query strings, and the command-line tool's figures,
/// which print the same everywhere. The tests run in the culture and put the previous one back.
/// </summary>
[TestFixture("de-DE")]
[TestFixture("fr-FR")]
public class CultureTests(string culture) : StubbedClientTest
{
    private const string Account = "549755885175";

    private const string Response = """
        {"type": "YOUR_TOTAL_AUDIENCE", "date": "2026-11-01", "size": 10000.0,
         "categories": [{"id": "1", "name": "Home", "ratio": 0.25, "index": 1.5}],
         "demographics": {"ages": [{"key": "18-24", "name": "18-24", "ratio": 0.125}]}}
        """;

    /// <summary>Runs the rest of the test in <see cref="culture"/>; disposing puts the previous cultures back.</summary>
    private IDisposable InCulture()
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        // Without culture data (invariant globalization) every culture writes a dot, and these tests could not fail.
        Assert.That(1.5.ToString(CultureInfo.CurrentCulture), Is.EqualTo("1,5"), $"{culture} writes a decimal comma on this machine");
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    [Test]
    public void A_model_reads_fractions_and_integers_written_with_a_dot()
    {
        using var _ = InCulture();

        var model = JsonConvert.DeserializeObject<AudienceInsightsResponse>(Response)!;

        Assert.That(model.Size, Is.EqualTo(10000L));
        Assert.That(model.Categories![0].Ratio, Is.EqualTo(0.25));
        Assert.That(model.Categories[0].Index, Is.EqualTo(1.5));
        Assert.That(model.Demographics!.Ages![0].Ratio, Is.EqualTo(0.125));
    }

    [Test]
    public async Task The_client_reads_a_response_and_its_rate_limit_headers()
    {
        using var _ = InCulture();
        Stub.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, Response,
            (PinterestRateLimit.LimitHeader, "1000, 100;w=1.5"), (PinterestRateLimit.RemainingHeader, "998"), (PinterestRateLimit.ResetHeader, "2.5"));

        var response = await Client.GetAudienceInsightsWithResponseAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WaitAsync(Bounded.Limit);

        Assert.That(response.Value.Categories![0].Ratio, Is.EqualTo(0.25));
        Assert.That(response.RateLimit!.Reset, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(response.RateLimit.Policies, Is.EqualTo(new[] { new PinterestRateLimitPolicy(100, TimeSpan.FromSeconds(1.5)) }));
    }

    [Test]
    public void A_model_writes_its_numbers_with_a_dot()
    {
        var model = JsonConvert.DeserializeObject<AudienceInsightsResponse>(Response)!;
        using var _ = InCulture();

        var written = JObject.Parse(JsonConvert.SerializeObject(model));

        Assert.That(JToken.DeepEquals(written, JObject.Parse(Response.Replace("10000.0", "10000", StringComparison.Ordinal))), Is.True, written.ToString());
        Assert.That(JsonConvert.SerializeObject(model), Does.Contain("\"ratio\":0.25"));
    }

    [Test]
    public void A_query_parameter_is_written_with_a_dot()
    {
        using var _ = InCulture();

        Assert.That(QueryString.Append("things", "ratio", 0.25), Is.EqualTo("things?ratio=0.25"));
        Assert.That(QueryString.Append("things", "size", 1234567L), Is.EqualTo("things?size=1234567"));
    }

    [Test]
    public async Task The_tools_figures_print_the_same_in_any_culture()
    {
        AudienceInsightsResponse expected;
        using (var stub = PinterestStubServer.Start())
            expected = await stub.CreateClient().GetAudienceInsightsAsync(Account, AudienceInsightType.YourTotalAudience);
        var topCountry = expected.Demographics!.Countries!.MaxBy(c => c.Ratio)!;
        var topAge = expected.Demographics.Ages!.MaxBy(c => c.Ratio)!;
        using var _ = InCulture();

        var result = await CliRun.RunAsync(["insights", Account]);
        var json = await CliRun.RunAsync(["insights", Account, "--json"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(result.Output, Does.Contain(expected.Size!.Value.ToString("N0", CultureInfo.InvariantCulture)), "1,234,567");
        Assert.That(result.Output, Does.Contain((topCountry.Ratio!.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"), "the share table");
        Assert.That(result.Output, Does.Contain(Math.Round(topAge.Ratio!.Value * 100, 1).ToString(CultureInfo.InvariantCulture)), "the age chart");
        Assert.That(json.ExitCode, Is.Zero, json.Errors);
        Assert.That(JObject.Parse(json.Output)["demographics"]!["countries"]!.Select(c => c.Value<double>("ratio")), Does.Contain(topCountry.Ratio.Value));
        Assert.That(CultureInfo.CurrentCulture.Name, Is.EqualTo(culture), "the tool's invariant culture stays with the tool");
    }

    [Test]
    public async Task An_export_writes_its_figures_and_its_summary_the_same_in_any_culture()
    {
        using var _ = InCulture();

        var result = await CliRun.RunAsync(["export", "--format", "csv"]);

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        var ratios = result.Output.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Where(c => c[3] == "category").Select(c => c[6]).ToList();
        Assert.That(ratios, Is.Not.Empty.And.All.Match(@"^0\.\d+$"), "a ratio in the CSV");
        Assert.That(Regex.IsMatch(result.Errors, @"Exported 3 of 3 .* in \d+\.\d s"), Is.True, "the summary's seconds: " + result.Errors);
    }
}
