using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Lets any Newtonsoft serializer (<c>JsonConvert.SerializeObject(model)</c>, the CLI, the stub) read
/// and write a model through its generated code, the same code the client reads responses with.
/// Each model names it in its <c>[JsonConverter]</c> attribute.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class JsonModelConverter<T> : JsonConverter<T>
    where T : class, IJsonModel<T>
{
    public override T? ReadJson(JsonReader reader, Type objectType, T? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        PinterestJson.Read<T>(reader);

    public override void WriteJson(JsonWriter writer, T? value, JsonSerializer serializer) => PinterestJson.Write(writer, value);
}

/// <summary>
/// Reads and writes an enum by its wire values for any Newtonsoft serializer; the generated subclass
/// (<c>Enum.liquid</c>) supplies the two switches. A wire value this SDK does not know yet reads as
/// <see langword="null"/> where the type allows it.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal abstract class JsonEnumConverter<TEnum> : JsonConverter
    where TEnum : struct, Enum
{
    public override bool CanConvert(Type objectType) => objectType == typeof(TEnum) || objectType == typeof(TEnum?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = objectType == typeof(TEnum?);
        if (reader.TokenType == JsonToken.Null && nullable)
            return null;
        var wire = reader.TokenType == JsonToken.String ? (string?)reader.Value : null;
        if (FromWire(wire) is { } known)
            return known;
        if (nullable && reader.TokenType == JsonToken.String)
            return null;
        throw new JsonSerializationException($"'{wire ?? reader.TokenType.ToString()}' is not a {typeof(TEnum).Name} value this SDK knows. Path '{reader.Path}'.");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is TEnum member && ToWire(member) is { } wire)
            writer.WriteValue(wire);
        else if (value is null)
            writer.WriteNull();
        else
            throw new JsonSerializationException($"{value} is not a defined {typeof(TEnum).Name} value.");
    }

    protected abstract string? ToWire(TEnum value);

    protected abstract TEnum? FromWire(string? wireValue);
}
