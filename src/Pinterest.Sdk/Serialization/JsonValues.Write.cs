using System.Collections;
using System.Globalization;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// The typed writes the generated models' writers are made of (<see cref="IJsonModel{TSelf}.WriteJson"/>):
/// one <c>WriteProperty</c> per property, the overload chosen by the compiler from the property's
/// type, as for the reads. A <see langword="null"/> property is left out, so a model written and read
/// back is the model that was written.
/// </summary>
internal static partial class JsonValues
{
    public static void WriteProperty(JsonWriter writer, string name, string? value)
    {
        if (value is null)
            return;
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    public static void WriteProperty(JsonWriter writer, string name, bool? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    public static void WriteProperty(JsonWriter writer, string name, int? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    public static void WriteProperty(JsonWriter writer, string name, long? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    public static void WriteProperty(JsonWriter writer, string name, double? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    public static void WriteProperty(JsonWriter writer, string name, decimal? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    public static void WriteProperty(JsonWriter writer, string name, DateTimeOffset? value) => WriteValueProperty(writer, name, value, static (w, v) => w.WriteValue(v));

    /// <summary>A value of any shape (the spec's untyped fields).</summary>
    public static void WriteProperty(JsonWriter writer, string name, object? value)
    {
        if (value is null)
            return;
        writer.WritePropertyName(name);
        WriteAny(writer, value);
    }

    public static void WriteProperty<T>(JsonWriter writer, string name, T? value)
        where T : class, IJsonModel<T>
    {
        if (value is null)
            return;
        writer.WritePropertyName(name);
        value.WriteJson(writer);
    }

    public static void WriteProperty<T>(JsonWriter writer, string name, IReadOnlyList<T>? value)
        where T : class, IJsonModel<T> => WriteList(writer, name, value, static (w, item) =>
        {
            if (item is null)
                w.WriteNull();
            else
                item.WriteJson(w);
        });

    public static void WriteProperty(JsonWriter writer, string name, IReadOnlyList<string>? value) => WriteList(writer, name, value, static (w, item) => w.WriteValue(item));

    public static void WriteProperty(JsonWriter writer, string name, IReadOnlyList<int>? value) => WriteList(writer, name, value, static (w, item) => w.WriteValue(item));

    public static void WriteProperty(JsonWriter writer, string name, IReadOnlyList<double>? value) => WriteList(writer, name, value, static (w, item) => w.WriteValue(item));

    /// <summary>Writes the fields a model kept because this SDK did not know them, after its own.</summary>
    public static void WriteUnknown(JsonWriter writer, IDictionary<string, object?>? additionalProperties)
    {
        if (additionalProperties is null)
            return;
        foreach (var (name, value) in additionalProperties)
        {
            writer.WritePropertyName(name);
            WriteAny(writer, value);
        }
    }

    /// <summary>Writes a list of enum values by their wire names (<c>Enum.liquid</c>).</summary>
    private static void WriteEnums<TEnum>(JsonWriter writer, string name, IReadOnlyList<TEnum>? value, Func<TEnum, string?> wire)
        where TEnum : struct, Enum => WriteList(writer, name, value, (w, item) => w.WriteValue(wire(item)));

    private static void WriteValueProperty<TValue>(JsonWriter writer, string name, TValue? value, Action<JsonWriter, TValue> write)
        where TValue : struct
    {
        if (value is not { } present)
            return;
        writer.WritePropertyName(name);
        write(writer, present);
    }

    private static void WriteList<TItem>(JsonWriter writer, string name, IReadOnlyList<TItem>? value, Action<JsonWriter, TItem> writeItem)
    {
        if (value is null)
            return;
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in value)
            writeItem(writer, item);
        writer.WriteEndArray();
    }

    /// <summary>Writes a value as <see cref="ReadAny"/> reads it, or any other plain .NET value a caller put in <c>AdditionalProperties</c>.</summary>
    private static void WriteAny(JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string or bool or long or int or double or float or decimal or short or byte or ulong or uint or ushort or sbyte
                or System.Numerics.BigInteger or DateTime or DateTimeOffset or Guid or Uri or TimeSpan or char:
                writer.WriteValue(value);
                break;
            case IDictionary<string, object?> members:
                writer.WriteStartObject();
                foreach (var (name, member) in members)
                {
                    writer.WritePropertyName(name);
                    WriteAny(writer, member);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                    WriteAny(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new JsonSerializationException(string.Create(CultureInfo.InvariantCulture,
                    $"AdditionalProperties holds a {value.GetType().Name}, which the SDK cannot write as JSON. Path '{writer.Path}'."));
        }
    }
}
