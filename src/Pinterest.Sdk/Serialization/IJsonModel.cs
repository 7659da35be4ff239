using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// A model that reads itself from JSON. <c>Class.liquid</c> generates the implementation beside each
/// model: a switch over its wire names and one typed read per property (<see cref="JsonValues"/>).
/// The client reads every response this way instead of through a <see cref="JsonSerializer"/>,
/// whose contracts are built by reflection and emitted code on the first call of a process, and
/// which boxes every number it sets.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
internal interface IJsonModel<TSelf>
    where TSelf : class, IJsonModel<TSelf>
{
    /// <summary>Reads the object whose <see cref="JsonToken.StartObject"/> is the reader's current token, through its end.</summary>
    /// <param name="reader">The reader, on the object's start.</param>
    /// <returns>The model.</returns>
    static abstract TSelf ReadJson(JsonReader reader);
}
