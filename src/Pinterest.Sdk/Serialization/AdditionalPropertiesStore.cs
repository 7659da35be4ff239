using System.Runtime.CompilerServices;

namespace Pinterest.Sdk;

/// <summary>
/// Holds the models' <c>AdditionalProperties</c> beside them rather than in them: unknown fields are
/// rare, and a dictionary field in every model would cost 8 bytes on each of the thousands of
/// categories and values in a large response. Entries live as long as their model.
/// </summary>
internal static class AdditionalPropertiesStore
{
    private static readonly ConditionalWeakTable<object, IDictionary<string, object?>> Dictionaries = new();

    /// <summary>The model's dictionary, created empty on first use.</summary>
    public static IDictionary<string, object?> Get(object model) =>
        Dictionaries.GetValue(model, static _ => new Dictionary<string, object?>());

    /// <summary>Replaces the model's dictionary.</summary>
    public static void Set(object model, IDictionary<string, object?> value) => Dictionaries.AddOrUpdate(model, value);
}
