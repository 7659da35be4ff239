using System.Net;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Tests.Cli.Report;

/// <summary>
/// A stand-in for Pinterest whose names and keys try to break out of the page: markup, script, event
/// handlers in attributes, closing tags of the page's own style and SVG. A page that shows them as text
/// and runs none of them escapes what Pinterest sends.
/// </summary>
internal sealed class HostileAudienceApi : HttpMessageHandler
{
    public const string Token = "pina_report-tests";

    /// <summary>Set by any of the names' scripts, were one to run.</summary>
    public const string Flag = "__pwned";

    public const string ScriptTag = "<script>window.__pwned = 1</script>";
    public const string ImageTag = "\"><img src=x onerror=\"window.__pwned = 2\">";
    public const string Attribute = "' onmouseover='window.__pwned = 3' x='";
    public const string ClosingTags = "</style></svg></table><b>bold?</b> &amp; &lt;";
    public const string Frame = "<iframe src=\"https://example.invalid/\"></iframe>";

    public static IReadOnlyList<string> Names { get; } = [ScriptTag, ImageTag, Attribute, ClosingTags, Frame];

    public static (string Name, string? Value)[] Environment { get; } = [("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", "https://api.pinterest.test/v5/")];

    /// <summary>The answer for an audience type; <paramref name="drift"/> moves the shares (for history on another day).</summary>
    public static AudienceInsightsResponse Response(AudienceInsightType type, string date, double drift = 0)
    {
        var pinterest = type == AudienceInsightType.PinterestTotalAudience;
        double Share(int i) => Math.Round(pinterest ? 0.1 + (0.05 * i) : 0.05 + (0.1 * i) + drift * (i % 2 == 0 ? 1 : -1), 4);
        return new AudienceInsightsResponse
        {
            Type = type,
            Date = date,
            Size = pinterest ? 500_000_000 : 1_000_000,
            SizeIsUpperBound = !pinterest,
            Categories =
            [
                .. Names.Select((name, i) => new AudienceCategory { Key = "<key-" + i + "\">", Name = name, Ratio = Share(i), Index = 1 }),
                new AudienceCategory { Key = "918530398158", Name = "home decor", Ratio = Share(5), Index = 1 },
            ],
            Demographics = new AudienceDemographics
            {
                Ages = [new AudienceDemographicValue { Key = "<script>", Name = ScriptTag, Ratio = 0.5 }, new AudienceDemographicValue { Key = "25-34", Name = "25-34", Ratio = 0.5 }],
                Metros = [new AudienceDemographicValue { Key = "501\"'<>", Name = Frame, Ratio = pinterest ? 0.2 : 0.3 }],
                Countries = [new AudienceDemographicValue { Key = "xx", Name = ImageTag, Ratio = pinterest ? 0.4 : 0.2 }],
            },
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query;
        var type = query.Contains("PINTEREST_TOTAL", StringComparison.Ordinal) ? AudienceInsightType.PinterestTotalAudience
            : query.Contains("YOUR_ENGAGED", StringComparison.Ordinal) ? AudienceInsightType.YourEngagedAudience
            : AudienceInsightType.YourTotalAudience;
        using var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
            PinterestJson.Write(writer, Response(type, "2026-03-02"));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(text.ToString(), Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
