using System.Text;
using FsCheck.Fluent;
using FsCheck;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Tests.Shared;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// Property: whatever status and body come back, a call returns a model or throws a
/// PinterestApiException; never a parser, transport or null-reference exception.
/// </summary>
public class ArbitraryResponseTests
{
    private static readonly string[] Keys =
    [
        "type", "date", "size", "size_is_upper_bound", "categories", "demographics", "subcategories",
        "ages", "countries", "devices", "genders", "metros", "items", "scope", "id", "key", "name",
        "index", "ratio", "code", "message", "unknown_field",
    ];

    private static readonly Gen<JToken> Scalar = Gen.OneOf(
        Gen.Constant<JToken>(JValue.CreateNull()),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (JToken)new JValue(b)),
        ArbMap.Default.GeneratorFor<long>().Select(n => (JToken)new JValue(n)),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (JToken)new JValue(d.Get)),
        ArbMap.Default.GeneratorFor<string>().Select(s => (JToken)new JValue(s ?? "")),
        Gen.Elements("YOUR_TOTAL_AUDIENCE", "PINTEREST_TOTAL_AUDIENCE", "NOT_A_TYPE", "2022-10-09").Select(s => (JToken)new JValue(s)));

    private static Gen<JToken> Json(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, Json(depth - 1).ListOf().Select(items => (JToken)new JArray(items))),
            (3, Gen.Zip(Gen.Elements(Keys), Json(depth - 1)).ListOf().Select(Object)));

    private static JToken Object(IEnumerable<(string Key, JToken Value)> members)
    {
        var o = new JObject();
        foreach (var (key, value) in members)
            o[key] = value;
        return o;
    }

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (5, Json(4).Select(j => Encoding.UTF8.GetBytes(j.ToString()))),
        (2, Json(4).Zip(Gen.Choose(0, 100)).Select(t =>
        {
            var text = t.Item1.ToString();
            return Encoding.UTF8.GetBytes(text[..(text.Length * t.Item2 / 100)]); // truncated JSON
        })),
        (2, ArbMap.Default.GeneratorFor<byte[]>()));

    private static readonly Gen<int> Status = Gen.Frequency((3, Gen.Constant(200)), (2, Gen.Choose(100, 599)));

    [Test]
    public void Every_status_and_body_yields_a_model_or_a_pinterest_exception()
    {
        var property = Prop.ForAll(
            Gen.Zip(Gen.Zip(Status, Body), Gen.Elements<string?>("application/json", "text/html", null),
                (response, contentType) => (Status: response.Item1, Body: response.Item2, ContentType: contentType)).ToArbitrary(),
            input =>
            {
                var (status, body, contentType) = input;
                var client = new AudienceInsightsClient(
                    new HttpClient(new CannedHandler(status, body, contentType)),
                    new PinterestClientOptions { AccessToken = PinterestApiStub.Token, BaseUrl = new Uri("http://127.0.0.1:9/v5/"), MaxRetries = 0 });
                return Route.All.All(route => EndsWell(route, client));
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }

    private static bool EndsWell(Route route, AudienceInsightsClient client)
    {
        try
        {
            return route.CallAsync(client).GetAwaiter().GetResult() is not null;
        }
        catch (PinterestApiException)
        {
            return true;
        }
    }
}
