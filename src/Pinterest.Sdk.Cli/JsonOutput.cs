using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// Machine output on stdout: the API's own JSON for insights and audiences, and a camelCase document
/// for a comparison. Nothing else is written to stdout.
/// </summary>
internal sealed class JsonOutput : IOutput
{
    private static readonly JsonSerializerSettings ApiJson = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.Indented };

    private static readonly JsonSerializerSettings ComparisonJson = new()
    {
        Formatting = Formatting.Indented,
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = { new StringEnumConverter(new CamelCaseNamingStrategy()) },
    };

    public Task<T> WhileWaitingAsync<T>(string activity, Func<Task<T>> work) => work();

    public void Insights(string adAccountId, AudienceInsightsResponse insights) =>
        Console.Out.WriteLine(JsonConvert.SerializeObject(insights, ApiJson));

    public void Audiences(string adAccountId, AudienceDefinitionResponse audiences) =>
        Console.Out.WriteLine(JsonConvert.SerializeObject(audiences, ApiJson));

    public void Comparison(AudienceComparison comparison) =>
        Console.Out.WriteLine(JsonConvert.SerializeObject(new
        {
            comparison.AdAccountId,
            Sizes = new
            {
                YourTotal = comparison.YourTotal.Size,
                YourEngaged = comparison.YourEngaged.Size,
                PinterestTotal = comparison.PinterestTotal.Size,
            },
            comparison.Categories,
            comparison.Demographics,
        }, ComparisonJson));
}
