using System.Globalization;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// How the tool writes a figure, the same in its tables, its charts and the report page, on every
/// machine (invariant culture): 1,757,530 people, 82.9% of an audience, an index of 210, +1.2 points.
/// </summary>
internal static class Figures
{
    /// <summary>A count of people: <c>1,757,530</c>; <c>unknown</c> when Pinterest gave none.</summary>
    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>An audience's size, with <c>(upper bound)</c> when Pinterest gave it as one.</summary>
    public static string Size(long? size, bool? isUpperBound) =>
        size is null ? Count(size) : Count(size) + (isUpperBound == true ? " (upper bound)" : "");

    /// <summary>A share (0 to 1) as a percentage with one decimal: <c>82.9%</c>; <c>-</c> when missing.</summary>
    public static string Share(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>A comparison index (100 = as on Pinterest), whole: <c>210</c>; <c>-</c> when missing.</summary>
    public static string Index(double? index) => index is { } i ? i.ToString("0", CultureInfo.InvariantCulture) : "-";

    /// <summary>Pinterest's own index of a stored value (a ratio, 1 = as on Pinterest): <c>2.10</c>; <c>-</c> when missing.</summary>
    public static string PinterestIndex(double? index) => index is { } i ? i.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>A change in percentage points, signed: <c>+1.2</c>, <c>-0.4</c>, <c>0.0</c>; <c>-</c> when missing.</summary>
    public static string Points(double? points) => points is { } p ? p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>A relative change in percent, signed: <c>+12.5%</c>.</summary>
    public static string Percent(double percent) => percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A day: <c>2026-12-06</c>; <c>-</c> when there is none.</summary>
    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
