using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// A model that reads and writes itself as JSON: every model of the SDK is one. Read and write them
/// with <see cref="PinterestJson"/>, which calls these members.
/// </summary>
/// <remarks>
/// The generator (<c>Class.liquid</c>) writes both halves beside each model from the spec, explicitly
/// implemented; nothing else reads or writes models. The client reads each response body through
/// <see cref="ReadJson"/>, and the converter named in each model's <c>[JsonConverter]</c> attribute
/// hands any Newtonsoft serializer to the same two members, so no reflection is involved anywhere.
/// </remarks>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IJsonModel<TSelf>
    where TSelf : class, IJsonModel<TSelf>
{
    /// <summary>Reads the object whose <see cref="JsonToken.StartObject"/> is the reader's current token, through its end.</summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <returns>The model.</returns>
    static abstract TSelf ReadJson(JsonReader reader);

    /// <summary>Writes the model as one JSON object; <see langword="null"/> properties are left out.</summary>
    /// <param name="writer">The writer.</param>
    void WriteJson(JsonWriter writer);
}
