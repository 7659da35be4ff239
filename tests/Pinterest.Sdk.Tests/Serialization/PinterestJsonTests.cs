using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pinterest.Sdk.Tests.Serialization;

/// <summary>PinterestJson: the public, reflection-free way to read and write a model (the tool's JSON output and export use it).</summary>
public class PinterestJsonTests
{
    private const string Response = """
        {"type":"YOUR_TOTAL_AUDIENCE","date":"2026-11-01T00:00:00","size":1200,"size_is_upper_bound":false,"future_field":{"a":[1,2]},
         "categories":[{"id":"1","name":"Home","ratio":0.25,"index":1.5}]}
        """;

    [Test]
    public void A_model_read_and_written_back_is_the_json_that_was_read_with_fields_the_sdk_does_not_know()
    {
        var model = Read(Response);

        var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
            PinterestJson.Write(writer, model);

        Assert.That(JToken.DeepEquals(Parse(text.ToString()), Parse(Response)), Is.True, text.ToString());
    }

    [Test]
    public void A_string_that_looks_like_a_date_stays_the_string_that_was_sent_whatever_the_reader_is_set_to()
    {
        // A JsonTextReader parses date-like strings into DateTime by default; the model keeps the text.
        var model = Read(Response);

        Assert.That(model!.Date, Is.EqualTo("2026-11-01T00:00:00"));
    }

    [Test]
    public void Null_reads_as_null_and_writes_as_null()
    {
        var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
            PinterestJson.Write<AudienceInsightsResponse>(writer, null);

        Assert.Multiple(() =>
        {
            Assert.That(Read("null"), Is.Null);
            Assert.That(text.ToString(), Is.EqualTo("null"));
        });
    }

    [Test]
    public void A_value_of_the_wrong_shape_is_an_error_not_a_guess()
    {
        Assert.Throws<JsonSerializationException>(() => Read("""{"size": "many"}"""));
        Assert.Throws<JsonSerializationException>(() => Read("[1]"));
    }

    private static AudienceInsightsResponse? Read(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        reader.Read();
        return PinterestJson.Read<AudienceInsightsResponse>(reader);
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
