using System.Globalization;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>The two export formats.</summary>
internal enum ExportFormat
{
    JsonLines,
    Csv,
}

/// <summary>Writes one exported account; each account's lines are written whole, then flushed, so <c>--resume</c> can trust the file.</summary>
internal abstract class ExportWriter(TextWriter output)
{
    protected TextWriter Output { get; } = output;

    public static ExportWriter Create(ExportFormat format, TextWriter output, string typeWireValue, bool writeHeader) => format == ExportFormat.Csv
        ? new CsvExportWriter(output, typeWireValue, writeHeader)
        : new JsonLinesExportWriter(output, typeWireValue);

    public abstract Task WriteAsync(string adAccountId, AudienceInsightsResponse insights);
}

/// <summary>One JSON object per line: <c>{"ad_account_id", "audience_insight_type", "response"}</c>, the response as the API sent it.</summary>
internal sealed class JsonLinesExportWriter(TextWriter output, string typeWireValue) : ExportWriter(output)
{
    public const string AccountProperty = "ad_account_id";

    public override async Task WriteAsync(string adAccountId, AudienceInsightsResponse insights)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(line) { CloseOutput = false })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(AccountProperty);
            writer.WriteValue(adAccountId);
            writer.WritePropertyName("audience_insight_type");
            writer.WriteValue(typeWireValue);
            JsonValues.WriteProperty(writer, "response", insights);
            writer.WriteEndObject();
        }
        line.Write('\n');
        await Output.WriteAsync(line.ToString()).ConfigureAwait(false);
        await Output.FlushAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// One row per account, dimension and value, ready for a spreadsheet or a warehouse:
/// <c>account,type,date,dimension,key,name,ratio,index</c> (RFC 4180; <c>index</c> only for categories).
/// </summary>
internal sealed class CsvExportWriter(TextWriter output, string typeWireValue, bool writeHeader) : ExportWriter(output)
{
    public const string Header = "account,type,date,dimension,key,name,ratio,index";
    private bool _headerPending = writeHeader;

    public override async Task WriteAsync(string adAccountId, AudienceInsightsResponse insights)
    {
        using var rows = new StringWriter(CultureInfo.InvariantCulture);
        if (_headerPending)
        {
            rows.Write(Header + "\n");
            _headerPending = false;
        }
        void Row(string dimension, string? key, string? name, double? ratio, double? index) =>
            rows.Write(string.Join(',', Field(adAccountId), Field(typeWireValue), Field(insights.Date), Field(dimension), Field(key), Field(name), Number(ratio), Number(index)) + "\n");

        foreach (var category in insights.Categories ?? [])
        {
            Row("category", category.Key, category.Name, category.Ratio, category.Index);
            foreach (var subcategory in category.Subcategories ?? [])
                Row("subcategory", subcategory.Key, subcategory.Name, subcategory.Ratio, subcategory.Index);
        }
        var demographics = insights.Demographics;
        foreach (var (dimension, values) in new[]
        {
            ("age", demographics?.Ages), ("gender", demographics?.Genders), ("device", demographics?.Devices),
            ("country", demographics?.Countries), ("metro", demographics?.Metros),
        })
        {
            foreach (var value in values ?? [])
                Row(dimension, value.Key, value.Name, value.Ratio, null);
        }
        await Output.WriteAsync(rows.ToString()).ConfigureAwait(false);
        await Output.FlushAsync().ConfigureAwait(false);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
