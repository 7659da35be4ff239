using System.Reflection;
using Newtonsoft.Json.Serialization;

namespace Pinterest.Sdk;

/// <summary>
/// The SDK's own contracts for its models, cheaper to build and to fill than Newtonsoft's defaults.
/// </summary>
internal sealed class ModelContractResolver : DefaultContractResolver
{
    // Pinterest's lists (subcategories, countries, metros, categories) mostly hold dozens to
    // thousands of items; starting at 16 rather than 4 skips two copy-and-grow steps per list.
    private const int InitialCapacity = 16;

    private static readonly ForwardCompatibleEnumConverter EnumConverter = new();

    protected override JsonContract CreateContract(Type objectType)
    {
        // The SDK's enums: the converter their [JsonConverter] attribute names, without reading the
        // attribute (its type argument is resolved by name) or creating the converter by reflection.
        // A few milliseconds on the first call of a process.
        var enumType = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (enumType.IsEnum && enumType.Assembly == typeof(ModelContractResolver).Assembly)
            return new JsonPrimitiveContract(objectType) { Converter = EnumConverter };

        // IReadOnlyList<T>: read straight into a List<T>. Newtonsoft would otherwise fill a list and
        // then wrap it in a ReadOnlyCollection: one more object per list, hundreds of them in a
        // large insights response.
        if (!objectType.IsGenericType || objectType.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
            return base.CreateContract(objectType);

        var contract = CreateArrayContract(typeof(List<>).MakeGenericType(objectType.GetGenericArguments()));
        contract.DefaultCreator = (Func<object>)typeof(ModelContractResolver)
            .GetMethod(nameof(ListCreator), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(objectType.GetGenericArguments())
            .Invoke(null, null)!;
        return contract;
    }

    private static Func<object> ListCreator<T>() => static () => new List<T>(InitialCapacity);
}
