using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Serialization;

/// <summary>
/// Models are read and written by their generated code only, whether the client reads a response or a
/// user's own Newtonsoft serializer (JsonConvert, the CLI, the stub) reads or writes a model.
/// </summary>
public class SerializationTests : StubbedClientTest
{
    private const string ResponseWithUnknownFields = """
        {
          "type": "YOUR_TOTAL_AUDIENCE", "date": "2026-11-01", "size": 1200, "size_is_upper_bound": false,
          "audience_quality": {"score": 0.9, "labels": ["a", {"b": [1, 2.5, true, null]}]},
          "categories": [{"id": "1", "name": "Home", "ratio": 0.25, "index": 1.5, "trend": "rising",
                          "subcategories": [{"id": "2", "name": "Decor", "rank": 7}]}],
          "demographics": {"ages": [{"key": "18-24", "name": "18-24", "ratio": 0.5}], "languages": []}
        }
        """;

    [Test]
    public async Task A_response_written_with_JsonConvert_is_the_json_pinterest_sent_including_fields_the_sdk_does_not_know()
    {
        Stub.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, ResponseWithUnknownFields);
        var insights = await Client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        var written = JsonConvert.SerializeObject(insights);

        Assert.That(JToken.DeepEquals(JToken.Parse(written), JToken.Parse(ResponseWithUnknownFields)), Is.True, written);
    }

    [Test]
    public void A_model_read_with_JsonConvert_follows_the_same_rules_as_the_client()
    {
        var model = JsonConvert.DeserializeObject<AudienceInsightsResponse>(ResponseWithUnknownFields,
            new JsonSerializerSettings { DateParseHandling = DateParseHandling.DateTime })!;

        Assert.Multiple(() =>
        {
            Assert.That(model.Type, Is.EqualTo(AudienceInsightType.YourTotalAudience));
            Assert.That(model.Date, Is.EqualTo("2026-11-01"), "a date in the spec is a string, whatever the caller's settings say");
            Assert.That(model.Categories![0].Subcategories![0].AdditionalProperties["rank"], Is.EqualTo(7L));
            Assert.That(model.AdditionalProperties["audience_quality"], Is.InstanceOf<IDictionary<string, object?>>());
            Assert.That(JsonConvert.DeserializeObject<AudienceInsightsResponse>("""{"type": "A_NEW_TYPE"}""")!.Type, Is.Null);
        });
    }

    [TestCase("10000", 10000L)]
    [TestCase("10000.0", 10000L)]
    [TestCase("1e4", 10000L)]
    [TestCase("\"10000\"", 10000L)]
    public void An_integer_reads_from_any_json_number_without_a_fraction(string size, long expected) =>
        Assert.That(JsonConvert.DeserializeObject<AudienceInsightsResponse>($$"""{"size": {{size}}}""")!.Size, Is.EqualTo(expected));

    [TestCase("1.5")]
    [TestCase("1e30")]
    public void An_integer_refuses_a_fraction_or_a_number_beyond_64_bits(string size) =>
        Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<AudienceInsightsResponse>($$"""{"size": {{size}}}"""));

    [Test]
    public void Null_properties_are_left_out_when_a_model_is_written()
    {
        var json = JsonConvert.SerializeObject(new AudienceDemographicValue { Key = "fr", Ratio = null });

        Assert.That(json, Is.EqualTo("""{"key":"fr"}"""));
    }

    [Test]
    public void Models_inside_a_users_own_types_are_written_by_their_generated_code()
    {
        var json = JsonConvert.SerializeObject(new
        {
            account = "1",
            type = AudienceInsightType.PinterestTotalAudience,
            value = new AudienceDemographicValue { Key = "fr", Name = "France", Ratio = 0.5 },
        });

        Assert.That(json, Is.EqualTo("""{"account":"1","type":"PINTEREST_TOTAL_AUDIENCE","value":{"key":"fr","name":"France","ratio":0.5}}"""));
    }

    [Test]
    public void A_value_the_sdk_cannot_write_says_where_it_is()
    {
        var model = new AudienceDefinition { Scope = "PARTNER" };
        model.AdditionalProperties["odd"] = new object();

        var e = Assert.Throws<JsonSerializationException>(() => JsonConvert.SerializeObject(model));

        Assert.That(e!.Message, Does.Contain("AdditionalProperties holds a Object").And.Contain("odd"));
    }
}
