using System.Globalization;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// One row per account, audience type, dimension and value, ready for a spreadsheet or a warehouse
/// (RFC 4180): <c>account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound</c>. Each
/// account and type ends with an <c>audience</c> row (so an account with no values is still there, and
/// <c>--resume</c> knows the block is whole), and every row carries the audience's <c>size</c>, so
/// <c>size × ratio</c> is the number of people.
/// </summary>
internal sealed class CsvFormat : ExportFormat
{
    /// <summary>The header before the size columns; a file with it cannot be resumed.</summary>
    public const string HeaderWithoutSize = "account,type,date,dimension,key,name,ratio,index";

    /// <summary>The dimension of the row that ends each account's block.</summary>
    private const string BlockEnd = "audience";

    public override string Name => "CSV";

    public override string Option => "csv";

    public override string Header => "account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound";

    public override void CheckHeader(string output, string line)
    {
        if (line == HeaderWithoutSize)
            throw new ArgumentException($"--resume: {output} was written by an earlier version, without the size columns; export to a new --output file.");
        base.CheckHeader(output, line);
    }

    protected override bool Recognizes(string firstLine) => firstLine == Header || firstLine == HeaderWithoutSize;

    public override void WriteBlock(TextWriter block, string adAccountId, string type, AudienceInsightsResponse insights)
    {
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

    /// <summary>"account,type,date,dimension,…": none of these needs quoting (digits, wire values, a date).</summary>
    public override BlockLine? ReadLine(string line)
    {
        var fields = line.Split(',', 5);
        return fields.Length == 5 && IsId(fields[0]) && fields[1].Length > 0 ? new BlockLine(fields[0], fields[1], fields[3] == BlockEnd) : null;
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
