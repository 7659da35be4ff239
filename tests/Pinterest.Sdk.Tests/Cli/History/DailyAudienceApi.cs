using System.Net;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Tests.Cli.History;

/// <summary>
/// A stand-in for Pinterest whose answer changes with the day: "home decor" holds
/// <see cref="HomeDecor"/> of the audience, the size is <see cref="Size"/>, and the date is the
/// clock's UTC day, so two snapshots on two days show a trend. Counts the calls it answers.
/// </summary>
internal sealed class DailyAudienceApi(TimeProvider clock) : HttpMessageHandler
{
    public const string Token = "pina_history-tests";

    private int _calls;

    public double HomeDecor { get; set; } = 0.40;

    public long Size { get; set; } = 1_000_000;

    public int Calls => _calls;

    public static (string Name, string? Value)[] Environment { get; } = [("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", "https://api.pinterest.test/v5/")];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var account = request.RequestUri!.Segments[^2].TrimEnd('/');
        var type = request.RequestUri!.Query.Contains("PINTEREST_TOTAL", StringComparison.Ordinal) ? AudienceInsightType.PinterestTotalAudience : AudienceInsightType.YourTotalAudience;
        var response = new AudienceInsightsResponse
        {
            Type = type,
            Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Size = Size,
            SizeIsUpperBound = true,
            Categories =
            [
                new AudienceCategory { Key = "918530398158", Name = "home decor", Ratio = HomeDecor, Index = 2.0 },
                new AudienceCategory { Key = "924581335376", Name = "travel", Ratio = 0.27, Index = 0.9 },
                // One value of each account's own, so accounts' answers differ as real ones do.
                new AudienceCategory { Key = account, Name = "interest of " + account, Ratio = int.Parse(account[^4..], System.Globalization.CultureInfo.InvariantCulture) / 10_000.0, Index = 1.0 },
            ],
            Demographics = new AudienceDemographics { Ages = [new AudienceDemographicValue { Key = "25-34", Name = "25-34", Ratio = 1.0 }] },
        };
        using var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
            PinterestJson.Write(writer, response);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(text.ToString(), Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
