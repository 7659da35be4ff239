using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>
/// Answers every request with the same status and bytes, in memory: what is measured is the client
/// side alone (building the request, headers, reading and mapping the response).
/// </summary>
public sealed class CannedHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Respond(request));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Respond(request);

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var content = new StreamContent(new MemoryStream(body, writable: false));
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(status) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("x-pinterest-rid", "0123456789abcdef");
        return response;
    }
}
