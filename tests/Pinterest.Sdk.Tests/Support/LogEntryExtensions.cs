using WireMock.Logging;

namespace Pinterest.Sdk.Tests.Support;

internal static class LogEntryExtensions
{
    public static string? Header(this ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    public static string? Query(this ILogEntry entry, string name) =>
        entry.RequestMessage!.Query is { } query && query.TryGetValue(name, out var values) ? values.ToString() : null;
}
