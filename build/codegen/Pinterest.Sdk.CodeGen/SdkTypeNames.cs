using Pinterest.Sdk.Build;
using NJsonSchema;
using NSwag;

namespace Pinterest.Sdk.CodeGen;

/// <summary>
/// Names generated types so the public API keeps its names across Pinterest's releases:
/// <list type="number">
/// <item>A schema the overlay names (<c>x-sdk-type-name</c>, set by build/update-spec from
/// openapi/sdk-overlay.yaml, keyed by where the schema sits) gets that name, whatever upstream's
/// component key or inline placement.</item>
/// <item>A schema used only by error responses (400, 404, <c>default</c>…) is named
/// <see cref="ErrorTypeName"/>, which nswag.json excludes: the SDK's error mapping reads error
/// bodies, so upstream's name for them (<c>Error</c>, <c>PinterestLibError</c>) never reaches the public API.</item>
/// <item>An inline schema with a type title (<c>items: {title: AudienceSubcategory, …}</c>) is named by
/// its title, not after the property holding it.</item>
/// <item>Anything else is named by NSwag's default rule (a component by its key).</item>
/// </list>
/// </summary>
/// <param name="errorComponents">The keys of component schemas only error responses use (<see cref="ErrorComponents"/>).</param>
internal sealed class SdkTypeNames(IReadOnlySet<string> errorComponents) : DefaultTypeNameGenerator
{
    /// <summary>The name given to error bodies' schemas; nswag.json's excludedTypeNames keeps it out of the generated code.</summary>
    public const string ErrorTypeName = "Error";

    public override string Generate(JsonSchema schema, string? typeNameHint, IEnumerable<string> reservedTypeNames)
    {
        if (schema.ExtensionData?.TryGetValue(SdkExtensionKeys.TypeName, out var name) == true && name?.ToString() is { Length: > 0 } sdkName)
            return sdkName;
        if (IsErrorBody(schema))
            return ErrorTypeName;
        if (schema.Parent is not OpenApiComponents && schema.HasTypeNameTitle)
            typeNameHint = schema.Title;

        // The default rules still apply: a name already taken gets a number, not a collision.
        return base.Generate(schema, typeNameHint, reservedTypeNames);
    }

    /// <summary>The keys of the component schemas that only non-success responses use.</summary>
    public static async Task<IReadOnlySet<string>> ErrorComponents(string openApiFile)
    {
        var document = await OpenApiYamlDocument.FromFileAsync(openApiFile).ConfigureAwait(false);
        var statusesBySchema = document.Operations
            .SelectMany(operation => operation.Operation.ActualResponses)
            .Where(response => response.Value.Schema is not null)
            .ToLookup(response => response.Value.Schema!.ActualSchema, response => response.Key);
        return document.Components.Schemas
            .Where(component => statusesBySchema[component.Value] is var statuses && statuses.Any() && statuses.All(status => !SdkCSharp.IsSuccessStatus(status)))
            .Select(component => component.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    private bool IsErrorBody(JsonSchema schema) => schema.Parent switch
    {
        OpenApiComponents components => components.Schemas.FirstOrDefault(c => ReferenceEquals(c.Value, schema)).Key is { } key && errorComponents.Contains(key),
        OpenApiResponse { Parent: OpenApiOperation operation } response => operation.Responses.FirstOrDefault(r => ReferenceEquals(r.Value, response)).Key is { } status && !SdkCSharp.IsSuccessStatus(status),
        _ => false,
    };
}
