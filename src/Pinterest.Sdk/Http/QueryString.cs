using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// Appends a query parameter to a URL, escaped: every query the SDK builds (an operation's required
/// parameters and its generated <c>Options</c> class, the authorization page's URL) goes through it.
/// </summary>
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
