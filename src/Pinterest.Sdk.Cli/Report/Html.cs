using System.Globalization;
using System.Net;

namespace Pinterest.Sdk.Cli.Report;

/// <summary>The report's one way to put text into the page, and the numbers of its drawings.</summary>
internal static class Html
{
    /// <summary>
    /// Text made safe for the page: for element content, for a double-quoted attribute and for SVG text
    /// alike (&amp;, &lt;, &gt;, " and ' become references). Every string from Pinterest goes through here.
    /// </summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A coordinate or length of a drawing: at most two decimals, a point, no exponent.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number a script sorts by, in full: <c>0.1894</c>; empty when missing.</summary>
    public static string Value(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
