using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

// JSON: one serializer for the process, reading straight from the response stream.
public partial class AudienceInsightsClient
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // Dates such as "2022-10-09" are strings in the spec; Newtonsoft would otherwise turn them
        // into DateTime and back into a culture-formatted string.
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        ContractResolver = new ModelContractResolver(),
        // No Converters here: Newtonsoft asks every converter in this list about every value it
        // reads (+60% time on an insights body). The enums carry their converter as an attribute
        // (for any serializer); ModelContractResolver hands it to this one without reading the attribute.
    });

    /// <summary>Reads <paramref name="body"/>, the response's content stream, as it arrives.</summary>
    private static T Deserialize<T>(Stream body, HttpResponseMessage response, string routeTemplate, CancellationToken cancellationToken)
        where T : class
    {
        using var reader = new JsonTextReader(new StreamReader(body, Encoding.UTF8)) { CloseInput = true, ArrayPool = PooledCharBuffers.Instance };
        T? result;
        try
        {
            result = Serializer.Deserialize<T>(reader);
        }
        catch (JsonException e) when (!IsTransportFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            throw UnreadableBody(response, routeTemplate, $"its body is not a valid {typeof(T).Name}: {e.Message}", e);
        }
        return result ?? throw UnreadableBody(response, routeTemplate, "its body is empty or null", null);
    }
}
