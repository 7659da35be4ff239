using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>One JSON object per line: <c>{"ad_account_id", "audience_insight_type", "response"}</c>, the response as the API sent it.</summary>
internal sealed class JsonLinesFormat : TextExportFormat
{
    private const string AccountProperty = "ad_account_id";
    private const string TypeProperty = "audience_insight_type";
    private const string ResponseProperty = "response";

    public override string Name => "JSON Lines";

    public override string Option => "jsonl";

    public override void WriteBlock(TextWriter block, string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt)
    {
        using (var writer = new JsonTextWriter(block) { CloseOutput = false })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(AccountProperty);
            writer.WriteValue(adAccountId);
            writer.WritePropertyName(TypeProperty);
            writer.WriteValue(type.ToWireValue());
            JsonValues.WriteProperty(writer, ResponseProperty, insights);
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

    /// <summary>
    /// A whole line read back with its response, for <c>snapshot --import</c>; <see langword="null"/> when the
    /// line is not one of this format's, or its type is not one this version knows.
    /// </summary>
    public static (string AdAccountId, AudienceInsightType Type, AudienceInsightsResponse Response)? ReadSnapshot(string line)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(line));
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                return null;
            string? account = null, type = null;
            AudienceInsightsResponse? response = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string?)reader.Value;
                reader.Read();
                if (name == AccountProperty)
                    account = reader.Value as string;
                else if (name == TypeProperty)
                    type = reader.Value as string;
                else if (name == ResponseProperty && reader.TokenType == JsonToken.StartObject)
                    response = JsonValues.ReadObject<AudienceInsightsResponse>(reader);
                else
                    reader.Skip();
            }
            return reader.TokenType == JsonToken.EndObject && !reader.Read() && account is not null && IsId(account) && response is not null
                && AudienceInsightTypeExtensions.TryParseWireValue(type, out var parsed)
                ? (account, parsed, response)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
