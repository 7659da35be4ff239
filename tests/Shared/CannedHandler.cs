using System.Net;

namespace Pinterest.Sdk.Tests.Shared;

/// <summary>
/// An in-memory transport that answers every request with the same status, bytes and content type:
/// what is tested or measured is the client side alone (the request, headers, reading and mapping
/// the response). Linked into the tests and the benchmarks.
/// </summary>
/// <param name="status">The status of every answer.</param>
/// <param name="body">The body of every answer.</param>
/// <param name="contentType">The Content-Type header, sent as given; <see langword="null"/> for none.</param>
internal sealed class CannedHandler(HttpStatusCode status, byte[] body, string? contentType = CannedHandler.Json) : HttpMessageHandler
{
    /// <summary>Pinterest's content type.</summary>
    public const string Json = "application/json; charset=utf-8";

    /// <inheritdoc cref="CannedHandler(HttpStatusCode, byte[], string?)"/>
    public CannedHandler(int status, byte[] body, string? contentType = Json)
        : this((HttpStatusCode)status, body, contentType)
    {
    }

    /// <summary>The <c>x-pinterest-rid</c> of every answer; <see langword="null"/> for none.</summary>
    public string? RequestId { get; init; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Respond(request));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Respond(request);

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = new HttpResponseMessage(status) { Content = content, RequestMessage = request };
        if (RequestId is not null)
            response.Headers.TryAddWithoutValidation("x-pinterest-rid", RequestId);
        return response;
    }
}
