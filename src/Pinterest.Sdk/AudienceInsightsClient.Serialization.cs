using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

// JSON: a response is read straight from its stream by the model's generated reader (IJsonModel,
// Class.liquid); no JsonSerializer, so no contracts to build on the first call and no boxing.
public partial class AudienceInsightsClient
{
    /// <summary>Reads <paramref name="body"/>, the response's content stream, as it arrives.</summary>
    private static T Deserialize<T>(Stream body, HttpResponseMessage response, string routeTemplate, CancellationToken cancellationToken)
        where T : class, IJsonModel<T>
    {
        using var reader = new JsonTextReader(new StreamReader(body, Encoding.UTF8))
        {
            CloseInput = true,
            ArrayPool = PooledCharBuffers.Instance,
            PropertyNameTable = JsonPropertyNames.Shared,
            // Dates such as "2022-10-09" are strings in the spec; unknown fields keep them as sent.
            DateParseHandling = DateParseHandling.None,
        };
        T? result;
        try
        {
            result = JsonValues.ReadDocument<T>(reader);
        }
        catch (JsonException e) when (!IsTransportFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw UnreadableBody(response, routeTemplate, $"its body is not a valid {typeof(T).Name}: {e.Message}", e);
        }
        return result ?? throw UnreadableBody(response, routeTemplate, "its body is empty or null", null);
    }
}
