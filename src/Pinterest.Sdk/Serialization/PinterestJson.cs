using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Reads and writes the SDK's models (responses and their parts) as JSON, through the code generated
/// beside each model: the same code the client reads Pinterest's answers with. No reflection is
/// involved, so it is safe under trimming and Native AOT, unlike <c>JsonConvert.SerializeObject</c>.
/// </summary>
/// <example>
/// <code>
/// using var writer = new JsonTextWriter(Console.Out);
/// PinterestJson.Write(writer, insights);
/// </code>
/// </example>
public static class PinterestJson
{
    /// <summary>Writes <paramref name="model"/> as one JSON object (<c>null</c> for <see langword="null"/>); properties that are <see langword="null"/> are left out.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="writer">The writer, where a value may be written.</param>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public static void Write<T>(JsonWriter writer, T? model)
        where T : class, IJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (model is null)
            writer.WriteNull();
        else
            model.WriteJson(writer);
    }

    /// <summary>
    /// Reads the object (or <c>null</c>) that is the reader's current token, through its end, as the
    /// client reads an answer: strings that look like dates stay the strings that were sent, and a
    /// value of the wrong type is an error, not a guess.
    /// </summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="reader">The reader, on the object's start (or on <c>null</c>).</param>
    /// <returns>The model, or <see langword="null"/> for <c>null</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The JSON is not such an object.</exception>
    public static T? Read<T>(JsonReader reader)
        where T : class, IJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.TokenType == JsonToken.Null)
            return null;
        var dates = reader.DateParseHandling;
        reader.DateParseHandling = DateParseHandling.None;
        try
        {
            return JsonValues.ReadObject<T>(reader);
        }
        finally
        {
            reader.DateParseHandling = dates;
        }
    }
}
