using NJsonSchema;
using NSwag;

namespace Pinterest.Sdk.CodeGen;

/// <summary>
/// Names a type generated from an inline schema by the schema's <c>title</c>, where NSwag would name
/// it after the property holding it. Pinterest's description gives inline object schemas a type
/// title (<c>subcategories: items: {title: AudienceSubcategory, …}</c>); without this rule the
/// public API gets a class called <c>Subcategories</c>, one subcategory named in the plural, and a
/// spec update could not be relied on to keep a hand-made rename. Component schemas keep the name
/// of their key, as they always have.
/// </summary>
internal sealed class InlineSchemaTypeNames : DefaultTypeNameGenerator
{
    public override string Generate(JsonSchema schema, string? typeNameHint, IEnumerable<string> reservedTypeNames)
    {
        var isComponent = schema.Parent is OpenApiComponents;
        if (!isComponent && schema.HasTypeNameTitle)
            typeNameHint = schema.Title;

        // The default rules still apply: a name already taken gets a number, not a collision.
        return base.Generate(schema, typeNameHint, reservedTypeNames);
    }
}
