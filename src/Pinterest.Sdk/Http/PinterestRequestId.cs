using System.Net.Http.Headers;

namespace Pinterest.Sdk;

/// <summary>Pinterest's request id, the one thing to quote to its support about a call.</summary>
internal static class PinterestRequestId
{
    /// <summary>The header Pinterest returns it in.</summary>
    public const string Header = "x-pinterest-rid";

    /// <summary>The request id among <paramref name="headers"/>, if Pinterest sent one.</summary>
    public static string? Of(HttpResponseHeaders headers) =>
        headers.TryGetValues(Header, out var ids) ? ids.FirstOrDefault() : null;
}
