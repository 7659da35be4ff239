using Parquet;
using Parquet.Schema;

namespace Pinterest.Sdk.Tests.History;

/// <summary>Small, hand-made answers for history tests: one category, two ages, a size; each number distinct.</summary>
internal static class HistoryData
{
    public static AudienceInsightsResponse Response(string? date, double homeDecor, long size = 1_000_000, AudienceInsightType type = AudienceInsightType.YourTotalAudience) => new()
    {
        Type = type,
        Date = date,
        Size = size,
        SizeIsUpperBound = true,
        Categories =
        [
            new AudienceCategory
            {
                Key = "918530398158", Name = "home decor", Ratio = homeDecor, Index = 2.1,
                Subcategories = [new AudienceSubcategory { Key = "958862518888", Name = "living room decor", Ratio = homeDecor / 2, Index = 1.7 }],
            },
            new AudienceCategory { Key = "924581335376", Name = "travel", Ratio = 0.27, Index = 0.9 },
        ],
        Demographics = new AudienceDemographics
        {
            Ages = [new AudienceDemographicValue { Key = "25-34", Name = "25-34", Ratio = 0.6 }, new AudienceDemographicValue { Key = "35-44", Name = "35-44", Ratio = 0.4 }],
            Genders = [new AudienceDemographicValue { Key = "female", Name = "Female", Ratio = 0.7 }],
        },
    };

    public static AudienceSnapshot Snapshot(string account, string date, double homeDecor, DateTimeOffset? fetchedAt = null, AudienceInsightType type = AudienceInsightType.YourTotalAudience) =>
        new(account, type, Response(date, homeDecor, type: type), fetchedAt ?? new DateTimeOffset(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));

    /// <summary>A Parquet file of other columns (not audience rows) at <paramref name="path"/>.</summary>
    public static async Task WriteForeignParquetAsync(string path)
    {
        var field = new DataField<string>("pin_id", false);
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), file);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(field, new[] { "1", "2" });
    }

    /// <summary>The files of the store a reader would take for data (not hidden, *.parquet).</summary>
    public static string[] DataFiles(string store) => Directory.Exists(store)
        ? [.. Directory.GetFiles(store, "*.parquet", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order()]
        : [];

    /// <summary>Every file in the store, hidden ones included.</summary>
    public static string[] AllFiles(string store) => Directory.Exists(store) ? [.. Directory.GetFiles(store, "*", SearchOption.AllDirectories).Order()] : [];
}
