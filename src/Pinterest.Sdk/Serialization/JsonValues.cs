using System.Globalization;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// The typed reads the generated models' readers are made of (<see cref="IJsonModel{TSelf}"/>). The
/// generated code declares each value with its property's type, and C# picks the overload here; a
/// type the spec brings that has none stops the build there (CS1503): add one beside these. Each
/// <c>Read</c> starts on the token before the value (a property name, an array's previous item) and
/// ends on the value's last token. Enums get their overloads from <c>Enum.liquid</c>; the writes
/// are in <c>JsonValues.Write.cs</c>.
/// </summary>
internal static partial class JsonValues
{
    /// <summary>The next property name of the object being read, or <see langword="null"/> at its end.</summary>
    public static string? NextProperty(JsonReader reader)
    {
        MoveToValue(reader);
        return reader.TokenType switch
        {
            JsonToken.PropertyName => (string)reader.Value!,
            JsonToken.EndObject => null,
            _ => throw Unexpected(reader, "a property name"),
        };
    }

    public static void Read(JsonReader reader, out string? value) => value = reader.ReadAsString();

    public static void Read(JsonReader reader, out bool? value) => value = reader.ReadAsBoolean();

    // Numbers are read as their text (ReadAsString hands a number token out as the text it parsed,
    // and a quoted number as its string) and parsed here: Newtonsoft's ReadAsInt32, ReadAsDouble,
    // ReadAsDecimal and Read box every number into Value, one heap object per number on top of the
    // text it builds anyway. Each reads what the ReadAs method of its type reads, and fails where it fails.

    // As ReadAsInt32: digits with an optional sign (a fraction or an exponent is refused), in range.
    public static void Read(JsonReader reader, out int? value) =>
        value = ParseNumber<int>(reader, ReadNumberText(reader), NumberStyles.Integer, "an integer within the range of a 32-bit number");

    public static void Read(JsonReader reader, out long? value)
    {
        var text = ReadNumberText(reader);
        if (text is null)
            value = null;
        else if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            value = number;
        // JSON Schema's integer is any number without a fraction (10000.0 and 1e4 are ones); an integer
        // property the overlay keeps as long after upstream widened it to number reads the same way.
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && double.IsInteger(whole) && whole is >= -9.2e18 and <= 9.2e18)
            value = (long)whole;
        else
            throw Unexpected(reader, "an integer within the range of a 64-bit number");
    }

    public static void Read(JsonReader reader, out double? value) =>
        value = ParseNumber<double>(reader, ReadNumberText(reader), NumberStyles.Float, "a number");

    public static void Read(JsonReader reader, out decimal? value)
    {
        // As ReadAsDecimal: a number in any notation, or a quoted one that may also group its thousands;
        // a number too small for a decimal is a plain 0, as there (not 0 with 28 zeros after the point).
        var text = ReadNumberText(reader);
        var number = ParseNumber<decimal>(reader, text, NumberStyles.Float | NumberStyles.AllowThousands, "a number within the range of a decimal");
        value = number == 0 && text!.AsSpan().IndexOfAny('e', 'E') >= 0 ? 0m : number;
    }

    /// <summary><paramref name="text"/> (from <see cref="ReadNumberText"/>) as a <typeparamref name="T"/>, or the error that it is not <paramref name="expected"/>.</summary>
    private static T? ParseNumber<T>(JsonReader reader, string? text, NumberStyles styles, string expected)
        where T : struct, System.Numerics.INumberBase<T> =>
        text is null ? null
            : T.TryParse(text, styles, CultureInfo.InvariantCulture, out var number) ? number
            : throw Unexpected(reader, expected);

    public static void Read(JsonReader reader, out DateTimeOffset? value) => value = reader.ReadAsDateTimeOffset();

    /// <summary>A value of any shape (the spec's untyped fields), as <see cref="ReadUnknown"/> keeps it.</summary>
    public static void Read(JsonReader reader, out object? value)
    {
        MoveToValue(reader);
        value = ReadAny(reader);
    }

    public static void Read<T>(JsonReader reader, out T? value)
        where T : class, IJsonModel<T>
    {
        MoveToValue(reader);
        value = ReadObject<T>(reader);
    }

    public static void Read<T>(JsonReader reader, out IReadOnlyList<T>? value)
        where T : class, IJsonModel<T> => value = ReadList(reader, 0, static (JsonReader r, int _, ref PooledList<T> list) =>
        {
            MoveToValue(r);
            if (EndOfList(r))
                return false;
            list.Add(ReadObject<T>(r)!); // a null item stays null, as it was sent
            return true;
        });

    public static void Read(JsonReader reader, out IReadOnlyList<string>? value) =>
        value = ReadList(reader, 0, static (JsonReader r, int _, ref PooledList<string> list) =>
        {
            var item = r.ReadAsString();
            if (EndOfList(r))
                return false;
            list.Add(item!);
            return true;
        });

    public static void Read(JsonReader reader, out IReadOnlyList<int>? value) => value = ReadNumbers(reader, static r =>
    {
        Read(r, out int? item);
        return item;
    });

    public static void Read(JsonReader reader, out IReadOnlyList<double>? value) => value = ReadNumbers(reader, static r =>
    {
        Read(r, out double? item);
        return item;
    });

    /// <summary>
    /// Reads the value of a field this SDK does not know into the model's <c>AdditionalProperties</c>:
    /// objects as dictionaries, arrays as lists, numbers, strings and booleans as themselves. Plain
    /// .NET types rather than <c>JToken</c>, whose dynamic-object support is not trim- or AOT-safe.
    /// </summary>
    public static void ReadUnknown(JsonReader reader, string name, IDictionary<string, object?> additionalProperties)
    {
        Read(reader, out object? value);
        additionalProperties[name] = value;
    }

    /// <summary>The value of a property whose type is not nullable, or the error that the response sent <c>null</c>.</summary>
    public static T NotNull<T>(JsonReader reader, T? value, string name)
        where T : class => value ?? throw NullValue(reader, name);

    /// <summary>The value of a property whose type is not nullable, or the error that the response sent <c>null</c>.</summary>
    public static T NotNull<T>(JsonReader reader, T? value, string name)
        where T : struct => value ?? throw NullValue(reader, name);

    /// <summary>Reads a list of enum values by their wire names; a value this SDK does not know yet is left out.</summary>
    private static TEnum[]? ReadEnums<TEnum>(JsonReader reader, Func<string?, TEnum?> parse)
        where TEnum : struct, Enum => ReadList(reader, parse, static (JsonReader r, Func<string?, TEnum?> parse, ref PooledList<TEnum> list) =>
        {
            var item = r.ReadAsString();
            if (EndOfList(r))
                return false;
            if (parse(item) is { } known)
                list.Add(known);
            return true;
        });

    private static TNumber[]? ReadNumbers<TNumber>(JsonReader reader, Func<JsonReader, TNumber?> readItem)
        where TNumber : struct => ReadList(reader, readItem, static (JsonReader r, Func<JsonReader, TNumber?> readItem, ref PooledList<TNumber> list) =>
        {
            var item = readItem(r);
            if (EndOfList(r))
                return false;
            list.Add(item ?? throw Unexpected(r, "a number"));
            return true;
        });

    /// <summary>Reads the next item of a list into <paramref name="list"/> (or leaves it out); <see langword="false"/> at the list's end.</summary>
    private delegate bool ListItemReader<T, TState>(JsonReader reader, TState state, ref PooledList<T> list);

    /// <summary>
    /// The one way a list is read: <c>null</c> as <see langword="null"/>, an array item by item
    /// (<paramref name="readItem"/> reads each), gathered in pooled arrays and handed out as one exact array.
    /// </summary>
    private static T[]? ReadList<T, TState>(JsonReader reader, TState state, ListItemReader<T, TState> readItem)
    {
        MoveToValue(reader);
        if (!StartsList(reader))
            return null;
        var list = new PooledList<T>(); // a struct: not a using variable, which would be copied
        try
        {
            while (readItem(reader, state, ref list))
            {
            }
            return list.ToArray();
        }
        finally
        {
            list.Dispose();
        }
    }

    /// <summary>
    /// The next value's text when it is a number or a string (a quoted number), without boxing it;
    /// <see langword="null"/> for <c>null</c> or an empty string, as Newtonsoft's <c>ReadAsDouble</c> reads them.
    /// </summary>
    private static string? ReadNumberText(JsonReader reader)
    {
        var text = reader.ReadAsString();
        return reader.TokenType switch
        {
            JsonToken.String => text is { Length: > 0 } ? text : null,
            JsonToken.Null => null,
            JsonToken.EndArray => null, // a list's end: ReadNumbers sees it and stops
            JsonToken.None => throw EndsEarly(reader),
            _ => throw Unexpected(reader, "a number"),
        };
    }

    /// <summary>
    /// What follows the value just read, where RFC 8259 allows only whitespace: <see langword="null"/> when
    /// nothing does, else what was found (a second value, a comment, text that is not JSON). The one
    /// rule for every body the SDK reads whole: API responses and token answers.
    /// </summary>
    public static string? AfterValue(JsonReader reader, out JsonReaderException? error)
    {
        error = null;
        try
        {
            return reader.Read() ? reader.TokenType.ToString() : null;
        }
        catch (JsonReaderException e)
        {
            error = e;
            return "more text";
        }
    }

    /// <summary>Reads the object (or <c>null</c>) that is the reader's current token.</summary>
    public static T? ReadObject<T>(JsonReader reader)
        where T : class, IJsonModel<T> => reader.TokenType switch
        {
            JsonToken.StartObject => T.ReadJson(reader),
            JsonToken.Null => null,
            _ => throw Unexpected(reader, "an object"),
        };

    /// <summary>Whether the current token starts a list; <see langword="false"/> for <c>null</c>.</summary>
    private static bool StartsList(JsonReader reader) => reader.TokenType switch
    {
        JsonToken.StartArray => true,
        JsonToken.Null => false,
        _ => throw Unexpected(reader, "an array"),
    };

    /// <summary>Whether the current token ends the list being read; a <c>ReadAs</c> method at the end of the input leaves <see cref="JsonToken.None"/>.</summary>
    private static bool EndOfList(JsonReader reader) => reader.TokenType switch
    {
        JsonToken.EndArray => true,
        JsonToken.None => throw EndsEarly(reader),
        _ => false,
    };

    /// <summary>The value that starts at the current token, in plain .NET types.</summary>
    private static object? ReadAny(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                var members = new Dictionary<string, object?>();
                while (NextProperty(reader) is { } name)
                {
                    MoveToValue(reader);
                    members[name] = ReadAny(reader);
                }
                return members;
            case JsonToken.StartArray:
                var items = new List<object?>();
                for (MoveToValue(reader); !EndOfList(reader); MoveToValue(reader))
                    items.Add(ReadAny(reader));
                return items;
            case JsonToken.Null or JsonToken.Undefined:
                return null;
            case JsonToken.Integer or JsonToken.Float or JsonToken.String or JsonToken.Boolean or JsonToken.Date or JsonToken.Bytes:
                return reader.Value;
            default:
                throw Unexpected(reader, "a value");
        }
    }

    private static void MoveToValue(JsonReader reader)
    {
        if (!TryMoveToValue(reader))
            throw EndsEarly(reader);
    }

    private static bool TryMoveToValue(JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
                return true;
        }
        return false;
    }

    private static JsonSerializationException NullValue(JsonReader reader, string name) =>
        new($"The property '{name}' must not be null. Path '{reader.Path}'.");

    private static JsonSerializationException EndsEarly(JsonReader reader) =>
        new($"The JSON ends before it is complete. Path '{reader.Path}'.");

    private static JsonSerializationException Unexpected(JsonReader reader, string expected) =>
        new($"Expected {expected}, found {Describe(reader.TokenType)}. Path '{reader.Path}'.");

    private static string Describe(JsonToken token) => token switch
    {
        JsonToken.StartObject => "an object",
        JsonToken.StartArray => "an array",
        JsonToken.PropertyName => "a property name",
        JsonToken.String => "a string",
        JsonToken.Integer or JsonToken.Float => "a number",
        JsonToken.Boolean => "true or false",
        JsonToken.Null => "null",
        JsonToken.EndObject => "the end of an object",
        JsonToken.EndArray => "the end of an array",
        _ => token.ToString(),
    };
}
