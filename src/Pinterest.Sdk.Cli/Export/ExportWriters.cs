using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>The two export formats.</summary>
internal enum ExportFormat
{
    JsonLines,
    Csv,
}

/// <summary>Writing the export failed (a full disk, a closed pipe, permissions): the run stops, and what was written stays.</summary>
internal sealed class ExportWriteException(string destination, Exception inner)
    : IOException($"Could not write to {destination}: {inner.Message}", inner)
{
    public string Destination { get; } = destination;
}

/// <summary>
/// Writes one exported account and audience type as one block: each block is written in one call and
/// flushed, so only the last block of a file can be cut short, and <c>--resume</c> can find it.
/// </summary>
internal abstract class ExportWriter(Stream output, string destination)
{
    public static ExportWriter Create(ExportFormat format, Stream output, string destination, bool writeHeader) => format == ExportFormat.Csv
        ? new CsvExportWriter(output, destination, writeHeader)
        : new JsonLinesExportWriter(output, destination);

    /// <summary>Writes the block of <paramref name="adAccountId"/> and <paramref name="type"/>.</summary>
    /// <exception cref="ExportWriteException">The output refused the write.</exception>
    public async Task WriteAsync(string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, CancellationToken cancellationToken)
    {
        using var block = new StringWriter(CultureInfo.InvariantCulture);
        Write(block, adAccountId, EnumWireValues.Of(type)!, insights);
        var bytes = Encoding.UTF8.GetBytes(block.ToString());
        try
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ExportWriteException(destination, e);
        }
    }

    protected abstract void Write(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights);
}

/// <summary>One JSON object per line: <c>{"ad_account_id", "audience_insight_type", "response"}</c>, the response as the API sent it.</summary>
internal sealed class JsonLinesExportWriter(Stream output, string destination) : ExportWriter(output, destination)
{
    public const string AccountProperty = "ad_account_id";
    public const string TypeProperty = "audience_insight_type";

    protected override void Write(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights)
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
}

/// <summary>
/// One row per account, audience type, dimension and value, ready for a spreadsheet or a warehouse
/// (RFC 4180): <c>account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound</c>. Each
/// account and type ends with an <c>audience</c> row (so an account with no values is still there, and
/// <c>--resume</c> knows the block is whole), and every row carries the audience's <c>size</c>, so
/// <c>size × ratio</c> is the number of people.
/// </summary>
internal sealed class CsvExportWriter(Stream output, string destination, bool writeHeader) : ExportWriter(output, destination)
{
    public const string Header = "account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound";

    /// <summary>The header before the size columns; a file with it cannot be resumed.</summary>
    public const string HeaderWithoutSize = "account,type,date,dimension,key,name,ratio,index";

    /// <summary>The dimension of the row that ends each account's block.</summary>
    public const string BlockEnd = "audience";

    private bool _headerPending = writeHeader;

    protected override void Write(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights)
    {
        if (_headerPending)
        {
            block.Write(Header + "\n");
            _headerPending = false;
        }
        var size = insights.Size?.ToString(CultureInfo.InvariantCulture) ?? "";
        var upperBound = insights.SizeIsUpperBound is { } bound ? (bound ? "true" : "false") : "";
        void Row(string dimension, string? key, string? name, double? ratio, double? index) =>
            block.Write(string.Join(',', Field(adAccountId), Field(type), Field(insights.Date), Field(dimension), Field(key), Field(name), Number(ratio), Number(index), size, upperBound) + "\n");

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
        Row(BlockEnd, null, null, null, null);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
