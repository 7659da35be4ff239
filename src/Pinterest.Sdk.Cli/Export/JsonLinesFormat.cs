using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>One JSON object per line: <c>{"ad_account_id", "audience_insight_type", "response"}</c>, the response as the API sent it.</summary>
internal sealed class JsonLinesFormat : ExportFormat
{
    private const string AccountProperty = "ad_account_id";
    private const string TypeProperty = "audience_insight_type";

    public override string Name => "JSON Lines";

    public override string Option => "jsonl";

    public override void WriteBlock(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights)
    {
        using (var writer = new JsonTextWriter(block) { CloseOutput = false })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(AccountProperty);
            writer.WriteValue(adAccountId);
            writer.WritePropertyName(TypeProperty);
            writer.WriteValue(type);
            JsonValues.WriteProperty(writer, "response", insights);
            writer.WriteEndObject();
        }
        block.Write('\n');
    }

    /// <summary>Each line is a whole block: a JSON object naming its account and type.</summary>
    public override BlockLine? ReadLine(string line)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(line));
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                return null;
            string? account = null, type = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string?)reader.Value;
                reader.Read();
                if (name == AccountProperty)
                    account = reader.Value as string;
                else if (name == TypeProperty)
                    type = reader.Value as string;
                else
                    reader.Skip();
            }
            return reader.TokenType == JsonToken.EndObject && account is not null && IsId(account) && type is not null ? new BlockLine(account, type, true) : null;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }
}
