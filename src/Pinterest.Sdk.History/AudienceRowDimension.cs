namespace Pinterest.Sdk.History;

/// <summary>The values of <see cref="AudienceRow.Dimension"/>, as the CSV and Parquet files spell them.</summary>
public static class AudienceRowDimension
{
    /// <summary>An interest category.</summary>
    public const string Category = "category";

    /// <summary>An interest subcategory (it follows its category).</summary>
    public const string Subcategory = "subcategory";

    /// <summary>An age range.</summary>
    public const string Age = "age";

    /// <summary>A gender.</summary>
    public const string Gender = "gender";

    /// <summary>A device type.</summary>
    public const string Device = "device";

    /// <summary>A country.</summary>
    public const string Country = "country";

    /// <summary>A metro area.</summary>
    public const string Metro = "metro";

    /// <summary>The audience itself: its size, no value; the last row of each account and type.</summary>
    public const string Audience = "audience";

    /// <summary>The dimensions that have values, in the order rows are written.</summary>
    public static IReadOnlyList<string> WithValues { get; } = [Category, Subcategory, Age, Gender, Device, Country, Metro];
}
