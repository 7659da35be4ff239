using System.Reflection;
using Newtonsoft.Json.Serialization;

namespace Pinterest.Sdk;

/// <summary>
/// Reads the models' <see cref="IReadOnlyList{T}"/> properties straight into a <see cref="List{T}"/>.
/// Newtonsoft would otherwise fill a list and then wrap it in a <c>ReadOnlyCollection</c>: one more
/// object per list, hundreds of them in a large insights response.
/// </summary>
internal sealed class ModelContractResolver : DefaultContractResolver
{
    // Pinterest's lists (subcategories, countries, metros, categories) mostly hold dozens to
    // thousands of items; starting at 16 rather than 4 skips two copy-and-grow steps per list.
    private const int InitialCapacity = 16;

    protected override JsonContract CreateContract(Type objectType)
    {
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
