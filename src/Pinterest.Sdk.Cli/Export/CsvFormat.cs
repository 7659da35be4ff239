using System.Globalization;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>
/// One row per account, audience type, dimension and value (the row shape of <see cref="AudienceRow"/>,
/// without <c>fetched_at</c>), ready for a spreadsheet or a warehouse (RFC 4180):
/// <c>account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound</c>. Each account and type
/// ends with an <c>audience</c> row (so an account with no values is still there, and <c>--resume</c> knows
/// the block is whole).
/// </summary>
internal sealed class CsvFormat() : TextExportFormat("CSV", "csv")
{
    /// <summary>The header before the size columns; a file with it cannot be resumed.</summary>
    public const string HeaderWithoutSize = "account,type,date,dimension,key,name,ratio,index";

    public override string Header => "account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound";

    public override void CheckHeader(string output, string line)
    {
        if (line == HeaderWithoutSize)
            throw new ArgumentException($"--resume: {output} was written by an earlier version, without the size columns; export to a new --output file.");
        base.CheckHeader(output, line);
    }

    protected override bool Recognizes(string firstLine) => firstLine == Header || firstLine == HeaderWithoutSize;

    public override void WriteBlock(TextWriter block, string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt)
    {
        foreach (var row in AudienceRow.From(adAccountId, type, insights, fetchedAt))
        {
            block.Write(string.Join(',',
                Field(row.AdAccountId), Field(row.Type), row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Field(row.Dimension), Field(row.Key), Field(row.Name),
                Number(row.Ratio), Number(row.Index), row.Size?.ToString(CultureInfo.InvariantCulture), row.SizeIsUpperBound is { } bound ? (bound ? "true" : "false") : ""));
            block.Write('\n');
        }
    }

    /// <summary>"account,type,date,dimension,…": none of these needs quoting (digits, wire values, a date).</summary>
    public override BlockLine? ReadLine(string line)
    {
        var fields = line.Split(',', 5);
        return fields.Length == 5 && IsId(fields[0]) && fields[1].Length > 0 ? new BlockLine(fields[0], fields[1], fields[3] == AudienceRowDimension.Audience) : null;
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
