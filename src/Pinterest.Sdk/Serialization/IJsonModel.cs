using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// A model that reads and writes itself as JSON. <c>Class.liquid</c> generates both halves beside each
/// model from the spec; nothing else reads or writes models. The client calls <see cref="ReadJson"/>
/// on each response body, and <see cref="JsonModelConverter{T}"/> hands any Newtonsoft serializer to
/// the same two methods, so no reflection is involved anywhere.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
internal interface IJsonModel<TSelf>
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
