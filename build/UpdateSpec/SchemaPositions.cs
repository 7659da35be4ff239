using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec;

/// <summary>
/// Finds schemas by where they sit in an operation rather than by upstream's component key, so a
/// name or a description survives upstream renaming a component or inlining it. A position is the
/// SDK's operationId, then a response status (<c>200</c>, <c>default</c>) or a parameter
/// (<c>?audience_insight_type</c>), then property names; <c>[]</c> after a step means the items of
/// that list: <c>GetAudienceInsights/200/categories[]/subcategories[]</c>. Each step follows
/// <c>$ref</c>s and single-member <c>allOf</c> wrappers, and looks for a property in the schema and
/// in every member of its <c>allOf</c>.
/// </summary>
internal sealed class SchemaPositions
{
    private const int MaxDepth = 32;
    private readonly YamlNode _document;
    private readonly Dictionary<string, YamlMappingNode> _operations = new(StringComparer.Ordinal);

    /// <param name="document">A whole description: its operations carry the SDK's operationIds, and its <c>$ref</c>s resolve within it.</param>
    public SchemaPositions(YamlNode document)
    {
        _document = document;
        foreach (var (_, item) in document.Child("paths").Entries())
            foreach (var (_, operation) in item.Entries())
                if (operation is YamlMappingNode map && map.Child("operationId").Text() is { } id)
                    _operations[id] = map;
    }

    /// <summary>The schema at <paramref name="position"/> with its references followed, or null when nothing is there.</summary>
    public YamlMappingNode? Find(string position)
    {
        var steps = position.Split('/');
        if (steps.Length < 2 || !_operations.TryGetValue(steps[0], out var operation))
            return null;
        var schema = Start(operation, Strip(steps[1], out var items));
        if (items)
            schema = Items(schema);
        foreach (var step in steps.Skip(2))
        {
            schema = Property(schema, Strip(step, out items));
            if (items)
                schema = Items(schema);
        }
        return schema;
    }

    /// <summary>Every position under the SDK's operations, parents before children, with its schema (references followed).</summary>
    public IEnumerable<(string Position, YamlMappingNode Schema)> All()
    {
        foreach (var (id, operation) in _operations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            foreach (var parameter in Parameters(operation))
                if (Resolve(parameter.Child("schema")) is { } schema)
                    foreach (var found in Walk($"{id}/?{parameter.Child("name").Text()}", schema, 0))
                        yield return found;
            foreach (var (status, _) in operation.Child("responses").Entries())
                if (Start(operation, status.Text()!) is { } schema)
                    foreach (var found in Walk($"{id}/{status.Text()}", schema, 0))
                        yield return found;
        }
    }

    /// <summary>The operation with this SDK operationId, or null.</summary>
    public YamlMappingNode? Operation(string operationId) => _operations.GetValueOrDefault(operationId);

    /// <summary>The operation's parameters, references followed.</summary>
    public IEnumerable<YamlMappingNode> Parameters(string operationId) =>
        _operations.TryGetValue(operationId, out var operation) ? Parameters(operation) : [];

    /// <summary>The response statuses the operation declares.</summary>
    public IEnumerable<string> Statuses(string operationId) =>
        _operations.TryGetValue(operationId, out var operation)
            ? ((operation.Child("responses") as YamlMappingNode)?.Children.Keys ?? []).Select(k => k.Text()!)
            : [];

    /// <summary>
    /// Whether the generator makes a class of the schema: <c>type: object</c>, or no type with
    /// properties or an <c>allOf</c>. A schema of another type (<c>string</c>, <c>integer</c>…) is
    /// generated as that type, and properties upstream left on it generate nothing.
    /// </summary>
    public static bool IsObject(YamlMappingNode schema) => schema.Child("type").Text() is not { } type
        ? schema.Child("properties") is not null || schema.Child("allOf") is not null
        : type == "object";

    /// <summary>Whether the generator makes a type of the schema: a class (<see cref="IsObject"/>) or an enum.</summary>
    public static bool GeneratesType(YamlMappingNode schema) => IsObject(schema) || schema.Child("enum") is not null;

    /// <summary>Properties declared on a schema that is not an object (<see cref="IsObject"/>): the generator ignores them.</summary>
    public static IEnumerable<string> IgnoredProperties(YamlMappingNode schema) => IsObject(schema)
        ? []
        : schema.Child("properties").Entries().Select(p => p.Key.Text()!);

    /// <summary>The schema's properties by name, including those of its <c>allOf</c> members; none when it is not an object (<see cref="IsObject"/>).</summary>
    public IEnumerable<(string Name, YamlNode Schema)> Properties(YamlMappingNode schema, int depth = 0)
    {
        if (!IsObject(schema))
            yield break;
        foreach (var (name, value) in schema.Child("properties").Entries())
            yield return (name.Text()!, value);
        if (depth < MaxDepth)
            foreach (var member in (schema.Child("allOf") as YamlSequenceNode)?.Children ?? [])
                if (Resolve(member) is { } resolved)
                    foreach (var property in Properties(resolved, depth + 1))
                        yield return property;
    }

    /// <summary>The names in the schema's <c>required</c> list, including those of its <c>allOf</c> members.</summary>
    public IEnumerable<string> Required(YamlMappingNode schema, int depth = 0)
    {
        foreach (var name in (schema.Child("required") as YamlSequenceNode)?.Children ?? [])
            yield return name.Text()!;
        if (depth < MaxDepth)
            foreach (var member in (schema.Child("allOf") as YamlSequenceNode)?.Children ?? [])
                if (Resolve(member) is { } resolved)
                    foreach (var name in Required(resolved, depth + 1))
                        yield return name;
    }

    /// <summary>The component key a position's schema comes from (<c>schemas/AudienceCategory</c>), or null for an inline schema.</summary>
    public static string? ComponentOf(YamlNode? node)
    {
        for (var depth = 0; node is YamlMappingNode map && depth < MaxDepth; depth++)
        {
            if (map.Child("$ref").Text() is { } reference)
                return reference.Replace("#/components/", "", StringComparison.Ordinal);
            if (SingleAllOf(map) is not { } member)
                return null;
            node = member;
        }
        return null;
    }

    /// <summary>Follows <c>$ref</c>s and single-member <c>allOf</c> wrappers to the schema that describes the value.</summary>
    public YamlMappingNode? Resolve(YamlNode? node)
    {
        for (var depth = 0; node is YamlMappingNode map && depth < MaxDepth; depth++)
        {
            if (map.Child("$ref").Text() is { } reference)
                node = reference.StartsWith("#/", StringComparison.Ordinal) ? _document.At(reference[2..]) : null;
            else if (SingleAllOf(map) is { } member)
                node = member;
            else
                return map;
        }
        return null;
    }

    private IEnumerable<(string, YamlMappingNode)> Walk(string position, YamlMappingNode schema, int depth)
    {
        yield return (position, schema);
        if (depth >= MaxDepth)
            yield break;
        if (Resolve(schema.Child("items")) is { } items)
            foreach (var found in Walk(position + "[]", items, depth + 1))
                yield return found;
        foreach (var (name, value) in Properties(schema))
            if (Resolve(value) is { } property)
                foreach (var found in Walk($"{position}/{name}", property, depth + 1))
                    yield return found;
    }

    /// <summary>A response's schema as declared (a <c>$ref</c> or an inline schema), or null.</summary>
    public YamlNode? DeclaredResponseSchema(string operationId, string status) =>
        _operations.TryGetValue(operationId, out var operation) ? DeclaredResponseSchema(operation, status) : null;

    private YamlNode? DeclaredResponseSchema(YamlMappingNode operation, string status)
    {
        var content = Resolve(operation.Child("responses")?.Child(status))?.Child("content") as YamlMappingNode;
        var media = content?.Child("application/json") ?? content?.Children.Values.FirstOrDefault();
        return media?.Child("schema");
    }

    private YamlMappingNode? Start(YamlMappingNode operation, string step) => step.StartsWith('?')
        ? Resolve(Parameters(operation).FirstOrDefault(p => p.Child("name").Text() == step[1..])?.Child("schema"))
        : Resolve(DeclaredResponseSchema(operation, step));

    private IEnumerable<YamlMappingNode> Parameters(YamlMappingNode operation) =>
        ((operation.Child("parameters") as YamlSequenceNode)?.Children ?? []).Select(Resolve).OfType<YamlMappingNode>();

    private YamlMappingNode? Property(YamlMappingNode? schema, string name) =>
        schema is null ? null : Resolve(Properties(schema).FirstOrDefault(p => p.Name == name).Schema);

    private YamlMappingNode? Items(YamlMappingNode? schema) => Resolve(schema?.Child("items"));

    private static YamlNode? SingleAllOf(YamlMappingNode map) =>
        map.Child("allOf") is YamlSequenceNode { Children.Count: 1 } allOf && map.Child("properties") is null ? allOf.Children[0] : null;

    private static string Strip(string step, out bool items)
    {
        items = step.EndsWith("[]", StringComparison.Ordinal);
        return items ? step[..^2] : step;
    }
}
