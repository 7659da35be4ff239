using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Serialization;

/// <summary>Pinterest adds fields and enum values over time; responses from a newer API must still parse.</summary>
public class ForwardCompatibilityTests : StubbedClientTest
{
    private Task<AudienceInsightsResponse> InsightsWith(string body)
    {
        Stub.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, body);
        return Client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
    }

    [Test]
    public async Task Unknown_fields_are_kept_in_additional_properties_at_every_level()
    {
        var insights = await InsightsWith("""
            {
              "size": 10, "audience_quality": {"score": 0.9},
              "categories": [{"id": "1", "trend": "rising", "subcategories": [{"id": "2", "rank": 7}]}],
              "demographics": {"ages": [{"key": "18-24", "ratio": 1, "confidence": "high"}], "languages": []}
            }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(insights.Size, Is.EqualTo(10));
            Assert.That(((IDictionary<string, object?>)insights.AdditionalProperties["audience_quality"]!)["score"], Is.EqualTo(0.9));
            Assert.That(insights.Categories![0].AdditionalProperties["trend"]!.ToString(), Is.EqualTo("rising"));
            Assert.That(insights.Categories![0].Subcategories![0].AdditionalProperties["rank"]!.ToString(), Is.EqualTo("7"));
            Assert.That(insights.Demographics!.Ages![0].AdditionalProperties["confidence"]!.ToString(), Is.EqualTo("high"));
            Assert.That(insights.Demographics!.AdditionalProperties.Keys, Is.EqualTo(new[] { "languages" }));
        });
    }

    [Test]
    public async Task Unknown_fields_keep_their_json_kind()
    {
        var insights = await InsightsWith("""
            {"count": 12, "share": 0.25, "active": true, "since": "2022-10-09", "note": null, "tags": ["a"]}
            """);
        var unknown = insights.AdditionalProperties;

        Assert.Multiple(() =>
        {
            Assert.That(unknown["count"], Is.EqualTo(12L));
            Assert.That(unknown["share"], Is.EqualTo(0.25));
            Assert.That(unknown["active"], Is.EqualTo(true));
            Assert.That(unknown["since"], Is.EqualTo("2022-10-09"), "a date-like string stays the string Pinterest sent");
            Assert.That(unknown["note"], Is.Null);
            Assert.That(unknown["tags"], Is.EqualTo(new object[] { "a" }).And.InstanceOf<IList<object?>>());
        });
    }

    [Test]
    public async Task Field_names_match_exactly_as_the_spec_spells_them()
    {
        var insights = await InsightsWith("""{"Size": 3, "size": 5}""");

        Assert.That(insights.Size, Is.EqualTo(5));
        Assert.That(insights.AdditionalProperties["Size"], Is.EqualTo(3L), "JSON names are case-sensitive");
    }

    [Test]
    public async Task An_unknown_audience_type_becomes_null_instead_of_failing_the_call()
    {
        var insights = await InsightsWith("""{"type": "YOUR_LOOKALIKE_AUDIENCE", "size": 5}""");

        Assert.That(insights.Type, Is.Null);
        Assert.That(insights.Size, Is.EqualTo(5), "the rest of the response is still read");
    }

    [Test]
    public async Task Explicit_nulls_parse_as_null()
    {
        var insights = await InsightsWith("""
            {"type": null, "date": null, "size": null, "size_is_upper_bound": null, "categories": null,
             "demographics": {"ages": null, "countries": [{"key": null, "name": null, "ratio": null}]}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(insights.Type, Is.Null);
            Assert.That(insights.Date, Is.Null);
            Assert.That(insights.Size, Is.Null);
            Assert.That(insights.SizeIsUpperBound, Is.Null);
            Assert.That(insights.Categories, Is.Null);
            Assert.That(insights.Demographics!.Ages, Is.Null);
            Assert.That(insights.Demographics!.Countries![0].Ratio, Is.Null);
        });
    }

    [Test]
    public async Task Missing_optional_fields_parse_as_null()
    {
        var insights = await InsightsWith("{}");

        Assert.Multiple(() =>
        {
            Assert.That(insights.Type, Is.Null);
            Assert.That(insights.Categories, Is.Null);
            Assert.That(insights.Demographics, Is.Null);
            Assert.That(insights.Size, Is.Null);
        });
    }

    [Test]
    public async Task Unknown_fields_in_the_audience_list_are_kept()
    {
        Stub.RespondJson(PinterestApiStub.AudiencesPath(PinterestApiStub.AdAccountId), 200,
            """{"items": [{"scope": "NEW_SCOPE", "type": "NEW_TYPE", "region": "eu"}], "bookmark": "abc"}""");

        var audiences = await Client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        Assert.Multiple(() =>
        {
            Assert.That(audiences.Items![0].Scope, Is.EqualTo("NEW_SCOPE"), "scope and type are open strings in the spec");
            Assert.That(audiences.Items![0].AdditionalProperties["region"]!.ToString(), Is.EqualTo("eu"));
            Assert.That(audiences.AdditionalProperties["bookmark"]!.ToString(), Is.EqualTo("abc"));
        });
    }

    [Test]
    public void Models_serialized_with_a_plain_newtonsoft_call_use_the_wire_values_and_read_back()
    {
        var insights = new AudienceInsightsResponse { Type = AudienceInsightType.YourEngagedAudience, SizeIsUpperBound = true };

        var json = Newtonsoft.Json.JsonConvert.SerializeObject(insights);
        var back = Newtonsoft.Json.JsonConvert.DeserializeObject<AudienceInsightsResponse>(json.Replace("YOUR_ENGAGED", "YOUR_TOTAL", StringComparison.Ordinal))!;
        var unknown = Newtonsoft.Json.JsonConvert.DeserializeObject<AudienceInsightsResponse>("""{"type": "YOUR_FUTURE_AUDIENCE"}""")!;

        Assert.That(json, Does.Contain("\"type\":\"YOUR_ENGAGED_AUDIENCE\"").And.Contain("\"size_is_upper_bound\":true"));
        Assert.That(back.Type, Is.EqualTo(AudienceInsightType.YourTotalAudience));
        Assert.That(unknown.Type, Is.Null);
    }
}
