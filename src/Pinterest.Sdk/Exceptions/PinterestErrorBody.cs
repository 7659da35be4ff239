using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest's error body, <c>{"code": int, "message": string}</c>, as every failure reads it: the
/// API's errors, the token endpoint's refusals, and the start of any body an exception keeps.
/// </summary>
internal static class PinterestErrorBody
{
    /// <summary>How much of a failure's body is read and kept: error bodies are small; a gateway that returns megabytes is cut here.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Reads Pinterest's code and message; anything else (HTML, a cut body, other JSON) yields nulls.</summary>
    public static (int? Code, string? Message) Parse(string body)
    {
        if (!body.AsSpan().TrimStart().StartsWith("{"))
            return (null, null);
        // Only the two top-level fields are wanted: read them off the token stream rather than
        // building the whole document.
        int? code = null;
        string? message = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (name == "code")
                {
                    code = Code(reader);
                    continue;
                }
                reader.Read();
                if (name == "message" && reader.TokenType == JsonToken.String)
                    message = (string)reader.Value!;
                else
                    reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A body cut short or not JSON after all: keep what was read before the fault.
        }
        return (code, message);
    }

    /// <summary>
    /// The <c>code</c> field, read as the models read an <c>int</c> (<see cref="JsonValues"/>: from its text,
    /// without a box); anything but a number within range yields <see langword="null"/>, and the rest is still read.
    /// </summary>
    private static int? Code(JsonReader reader)
    {
        try
        {
            JsonValues.Read(reader, out int? code);
            return code;
        }
        catch (JsonSerializationException)
        {
            // Not an int (a fraction, out of range, true, an object): skip it, keep reading.
            if (reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
                reader.Skip();
            return null;
        }
    }

    /// <summary>The start of <paramref name="body"/> that an exception keeps.</summary>
    public static string Kept(string body) => body.Length > MaxBytes ? body[..MaxBytes] : body;
}
