using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>Appends an optional query parameter (an operation's generated <c>Options</c> class) to a relative URL, escaped.</summary>
internal static class QueryString
{
    public static string Append(string relativeUrl, string name, string value) =>
        relativeUrl + (relativeUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);

    public static string Append(string relativeUrl, string name, long value) =>
        Append(relativeUrl, name, value.ToString(CultureInfo.InvariantCulture));

    public static string Append(string relativeUrl, string name, double value) =>
        Append(relativeUrl, name, value.ToString("R", CultureInfo.InvariantCulture));

    public static string Append(string relativeUrl, string name, bool value) =>
        Append(relativeUrl, name, value ? "true" : "false");
}
