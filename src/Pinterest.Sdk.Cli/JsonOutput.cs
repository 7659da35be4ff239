using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// Machine output on stdout: the API's own JSON for insights and audiences, and a camelCase document
/// for a comparison. Nothing else is written to stdout. Written without reflection (the models write
/// themselves), so the Native AOT build behaves as the .NET tool does.
/// </summary>
internal sealed class JsonOutput(TextWriter output) : IOutput
{
    public Task<T> WhileWaitingAsync<T>(string activity, Func<Task<T>> work) => work();

    public void Insights(string adAccountId, AudienceInsightsResponse insights) => Write(writer => PinterestJson.Write(writer, insights));

    public void Audiences(string adAccountId, AudienceDefinitionResponse audiences) => Write(writer => PinterestJson.Write(writer, audiences));

    public void Comparison(AudienceComparison comparison) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("adAccountId");
        writer.WriteValue(comparison.AdAccountId);
        writer.WritePropertyName("sizes");
        writer.WriteStartObject();
        writer.WritePropertyName("yourTotal");
        writer.WriteValue(comparison.YourTotal.Size);
        writer.WritePropertyName("yourEngaged");
        writer.WriteValue(comparison.YourEngaged.Size);
        writer.WritePropertyName("pinterestTotal");
        writer.WriteValue(comparison.PinterestTotal.Size);
        writer.WriteEndObject();
        WriteIndexes(writer, "categories", comparison.Categories);
        WriteIndexes(writer, "demographics", comparison.Demographics);
        writer.WriteEndObject();
    });

    private static void WriteIndexes(JsonWriter writer, string name, IReadOnlyList<AudienceIndex> rows)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("dimension");
            writer.WriteValue(CamelCase(row.Dimension.ToString()));
            writer.WritePropertyName("key");
            writer.WriteValue(row.Key);
            writer.WritePropertyName("name");
            writer.WriteValue(row.Name);
            foreach (var (property, value) in new[]
            {
                ("yourShare", row.YourShare), ("engagedShare", row.EngagedShare), ("pinterestShare", row.PinterestShare),
                ("index", row.Index), ("engagedIndex", row.EngagedIndex),
            })
            {
                writer.WritePropertyName(property);
                writer.WriteValue(value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private void Write(Action<JsonWriter> write)
    {
        using (var writer = new JsonTextWriter(output) { Formatting = Formatting.Indented, CloseOutput = false })
            write(writer);
        output.WriteLine();
    }
}
