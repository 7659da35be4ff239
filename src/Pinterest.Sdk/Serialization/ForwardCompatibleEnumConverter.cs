using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace Pinterest.Sdk;

/// <summary>
/// Reads enums by their wire value (<c>[EnumMember]</c>) like <see cref="StringEnumConverter"/>, but a
/// value this SDK does not know yet (Pinterest added one) becomes <see langword="null"/> on a nullable
/// property instead of failing the whole response. It sits on each enum type (<c>Enum.liquid</c>) for
/// any Newtonsoft serializer pointed at the models; the client itself reads with the models'
/// generated readers (<see cref="JsonValues"/>), which behave the same.
/// </summary>
internal sealed class ForwardCompatibleEnumConverter : StringEnumConverter
{
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        try
        {
            return base.ReadJson(reader, objectType, existingValue, serializer);
        }
        catch (JsonSerializationException) when (Nullable.GetUnderlyingType(objectType) is not null)
        {
            return null;
        }
    }
}
