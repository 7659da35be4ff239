using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>One JSON object per line: <c>{"ad_account_id", "audience_insight_type", "response"}</c>, the response as the API sent it.</summary>
internal sealed class JsonLinesFormat() : TextExportFormat("JSON Lines", "jsonl")
{
    private const string AccountProperty = "ad_account_id";
    private const string TypeProperty = "audience_insight_type";
    private const string ResponseProperty = "response";

    public override void WriteBlock(TextWriter block, string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt)
    {
        using (var writer = new JsonTextWriter(block) { CloseOutput = false })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(AccountProperty);
            writer.WriteValue(adAccountId);
            writer.WritePropertyName(TypeProperty);
            writer.WriteValue(type.ToWireValue());
            writer.WritePropertyName(ResponseProperty);
            PinterestJson.Write(writer, insights);
            writer.WriteEndObject();
        }
        block.Write('\n');
    }

    /// <summary>Each line is a whole block: a JSON object naming its account and type.</summary>
    public override BlockLine? ReadLine(string line) =>
        Parse(line, readResponse: false) is { } read ? new BlockLine(read.AdAccountId, read.Type, true) : null;

    /// <summary>
    /// A whole line read back with its response, for <c>snapshot --import</c>; <see langword="null"/> when the
    /// line is not one of this format's, or its type is not one this version knows.
    /// </summary>
    public static (string AdAccountId, AudienceInsightType Type, AudienceInsightsResponse Response)? ReadSnapshot(string line) =>
        Parse(line, readResponse: true) is { Response: { } response } read && AudienceInsightTypeExtensions.TryParseWireValue(read.Type, out var type)
            ? (read.AdAccountId, type, response)
            : null;

    /// <summary>The line's account and type (wire value), and its response when asked; <see langword="null"/> when it is not a line of this format.</summary>
    private static (string AdAccountId, string Type, AudienceInsightsResponse? Response)? Parse(string line, bool readResponse)
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
                else if (readResponse && name == ResponseProperty)
                    response = PinterestJson.Read<AudienceInsightsResponse>(reader);
                else
                    reader.Skip();
            }
            return reader.TokenType == JsonToken.EndObject && !reader.Read() && account is not null && IsId(account) && type is not null
                ? (account, type, response)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
