using System.Net;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>An in-memory transport that answers every request with the same status and bytes.</summary>
public sealed class CannedHandler(int status, byte[] body, string? contentType) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = content, RequestMessage = request });
    }
}
