using Pinterest.Sdk.Build;
using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.SpecTrimmer;

/// <summary>One difference between two fragments, at a schema position (<see cref="SchemaPositions"/>).</summary>
/// <param name="Position">Where: <c>GetAudienceInsights/200/size</c>.</param>
/// <param name="Text">What changed, in words.</param>
/// <param name="Breaking">Whether code built against the previous SDK may stop compiling or reading.</param>
/// <param name="OnTheWire">False for a change of upstream's names only (a component renamed or inlined).</param>
public sealed record WireChange(string Position, string Text, bool Breaking, bool OnTheWire = true)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {Text}";
}

/// <summary>
/// Compares the previous fragment with a new one, operation by operation and position by position,
/// so a reviewer sees what changed on the wire before reading the public API diff.
/// </summary>
public static class WireChanges
{
    /// <summary>The differences between two fragments' texts, in position order.</summary>
    public static IReadOnlyList<WireChange> Compare(string previousFragment, string newFragment)
    {
        var before = new SchemaPositions(FragmentBuilder.Load(previousFragment));
        var after = new SchemaPositions(FragmentBuilder.Load(newFragment));
        var changes = new List<WireChange>();
        var old = before.All().GroupBy(p => p.Position).ToDictionary(g => g.Key, g => g.First().Schema, StringComparer.Ordinal);
        var now = after.All().GroupBy(p => p.Position).ToDictionary(g => g.Key, g => g.First().Schema, StringComparer.Ordinal);

        foreach (var operation in old.Keys.Concat(now.Keys).Select(p => p.Split('/')[0]).Distinct().Order(StringComparer.Ordinal))
        {
            CompareParameters(operation, before, after, changes);
            var oldStatuses = before.Statuses(operation).ToHashSet(StringComparer.Ordinal);
            var newStatuses = after.Statuses(operation).ToHashSet(StringComparer.Ordinal);
            foreach (var status in newStatuses.Except(oldStatuses).Order(StringComparer.Ordinal))
                changes.Add(new($"{operation}/{status}", $"new response{Named(after, now.GetValueOrDefault($"{operation}/{status}"), $"{operation}/{status}")}", Breaking: false));
            foreach (var status in oldStatuses.Except(newStatuses).Order(StringComparer.Ordinal))
                changes.Add(new($"{operation}/{status}", "response removed", Breaking: IsSuccess(status)));
        }

        foreach (var position in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            if (position.Contains("/?", StringComparison.Ordinal) && position.Split('/').Length == 2)
                continue; // a parameter's own schema: compared with the parameter
            var isError = !IsSuccess(position.Split('/')[1].TrimEnd('[', ']'));
            // Only the top of a subtree that appeared or vanished is reported.
            var parent = Parent(position);
            if (!old.TryGetValue(position, out var was))
            {
                if (parent is not null && old.ContainsKey(parent))
                    changes.Add(new(position, "new property" + Describe(now[position]), Breaking: false));
                continue;
            }
            if (!now.TryGetValue(position, out var @is))
            {
                if (parent is not null && now.ContainsKey(parent))
                    changes.Add(new(position, "property removed", Breaking: !isError));
                continue;
            }
            CompareSchemas(position, before, was, after, @is, isError, changes);
        }
        return changes;
    }

    private static void CompareParameters(string operation, SchemaPositions before, SchemaPositions after, List<WireChange> changes)
    {
        var old = before.Parameters(operation).ToDictionary(p => p.Child("name").Text()!, StringComparer.Ordinal);
        var now = after.Parameters(operation).ToDictionary(p => p.Child("name").Text()!, StringComparer.Ordinal);
        foreach (var (name, parameter) in now.Where(p => !old.ContainsKey(p.Key)))
        {
            var required = parameter.Child("required").Text() == "true";
            changes.Add(new($"{operation}/?{name}", required
                ? $"new required {parameter.Child("in").Text()} parameter: every existing call would have to pass it"
                : $"new optional {parameter.Child("in").Text()} parameter{Describe(after.Resolve(parameter.Child("schema")))} (an optional argument in C#)",
                Breaking: required));
        }
        foreach (var name in old.Keys.Where(n => !now.ContainsKey(n)))
            changes.Add(new($"{operation}/?{name}", "parameter removed", Breaking: true));
        foreach (var (name, parameter) in now.Where(p => old.ContainsKey(p.Key)))
        {
            var wasRequired = old[name].Child("required").Text() == "true";
            var isRequired = parameter.Child("required").Text() == "true";
            if (wasRequired != isRequired)
                changes.Add(new($"{operation}/?{name}", isRequired ? "parameter became required" : "parameter became optional", Breaking: isRequired));
            if (before.Resolve(old[name].Child("schema")) is { } was && after.Resolve(parameter.Child("schema")) is { } @is)
                CompareSchemas($"{operation}/?{name}", before, was, after, @is, isError: false, changes);
        }
    }

    private static void CompareSchemas(string position, SchemaPositions before, YamlMappingNode was, SchemaPositions after, YamlMappingNode @is, bool isError, List<WireChange> changes)
    {
        var (oldType, newType) = (TypeOf(was), TypeOf(@is));
        if (oldType != newType)
            changes.Add(@is.Child(SdkExtensionKeys.CSharpType).Text() is { } held
                ? new(position, $"type {oldType} became {newType}; the overlay keeps the C# type {held}", Breaking: false)
                : new(position, $"type {oldType} became {newType} (the C# type changes; the overlay can keep the old one: {SdkExtensionKeys.CSharpType})", Breaking: !isError));

        var oldValues = Values(was);
        var newValues = Values(@is);
        if (newValues.Except(oldValues).ToList() is { Count: > 0 } added)
            changes.Add(new(position, $"enum values added: {string.Join(", ", added)}", Breaking: false));
        if (oldValues.Except(newValues).ToList() is { Count: > 0 } removed)
            changes.Add(new(position, $"enum values removed: {string.Join(", ", removed)}", Breaking: !isError));

        var oldRequired = before.Required(was).ToHashSet(StringComparer.Ordinal);
        var newRequired = after.Required(@is).ToHashSet(StringComparer.Ordinal);
        if (newRequired.Except(oldRequired).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } nowRequired)
            changes.Add(new(position, $"now required: {string.Join(", ", nowRequired)}", Breaking: false));
        if (oldRequired.Except(newRequired).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } noLonger)
            changes.Add(new(position, $"no longer required: {string.Join(", ", noLonger)}", Breaking: false));

        if (was.Child("nullable").Text() != @is.Child("nullable").Text())
            changes.Add(new(position, @is.Child("nullable").Text() == "true" ? "now nullable" : "no longer nullable", Breaking: false));
        if (was.Child("default").Text() != @is.Child("default").Text())
            changes.Add(new(position, @is.Child("default") is null ? $"default {was.Child("default").Text()} removed" : $"default is now {@is.Child("default").Text()}", Breaking: false));

        // Error bodies are read by the SDK's error mapping and never become public types, so their names do not matter.
        if (!isError && IsNamedType(@is) && SchemaPositions.ComponentOf(Declared(before, position)) is var oldComponent
            && SchemaPositions.ComponentOf(Declared(after, position)) is var newComponent && oldComponent != newComponent)
        {
            var from = oldComponent is null ? "an inline schema" : oldComponent;
            var to = newComponent is null ? "an inline schema" : newComponent;
            var keeps = @is.Child(SdkExtensionKeys.TypeName).Text() is { } name
                ? $"the overlay keeps its C# name {name}"
                : "the overlay does not name it, so its C# name follows upstream's: name it under schemas in openapi/sdk-overlay.yaml";
            changes.Add(new(position, $"upstream's {from} is now {to}; {keeps}", Breaking: @is.Child(SdkExtensionKeys.TypeName) is null, OnTheWire: false));
        }
    }

    /// <summary>The node declared at a position before references are followed, for telling a component from an inline schema.</summary>
    private static YamlNode? Declared(SchemaPositions positions, string position)
    {
        if (position.EndsWith("[]", StringComparison.Ordinal))
            return positions.Find(position[..^2])?.Child("items");
        var cut = position.LastIndexOf('/');
        if (position.Split('/').Length == 2)
            return ResponseSchema(positions, position);
        var name = position[(cut + 1)..];
        return positions.Find(position[..cut]) is { } holder ? positions.Properties(holder).FirstOrDefault(p => p.Name == name).Schema : null;
    }

    private static YamlNode? ResponseSchema(SchemaPositions positions, string position)
    {
        var (operation, step) = (position.Split('/')[0], position.Split('/')[1]);
        if (step.StartsWith('?'))
            return positions.Parameters(operation).FirstOrDefault(p => p.Child("name").Text() == step[1..])?.Child("schema");
        return positions.DeclaredResponseSchema(operation, step);
    }

    private static string? Parent(string position) =>
        position.EndsWith("[]", StringComparison.Ordinal) ? position[..^2]
        : position.Split('/').Length <= 2 ? null
        : position[..position.LastIndexOf('/')];

    private static string TypeOf(YamlMappingNode schema)
    {
        var type = schema.Child("type").Text() ?? (schema.Child("properties") is not null ? "object" : "any");
        return schema.Child("format").Text() is { } format ? $"{type} ({format})" : type;
    }

    private static List<string> Values(YamlMappingNode schema) =>
        ((schema.Child("enum") as YamlSequenceNode)?.Children ?? []).Select(v => v.Text()!).ToList();

    private static bool IsNamedType(YamlMappingNode schema) =>
        schema.Child("enum") is not null || schema.Child("properties") is not null || schema.Child("type").Text() == "object";

    private static string Describe(YamlMappingNode? schema) => schema is null ? "" : $" ({TypeOf(schema)})";

    private static string Named(SchemaPositions positions, YamlMappingNode? schema, string position) =>
        schema is null ? "" : SchemaPositions.ComponentOf(ResponseSchema(positions, position)) is { } component ? $" ({component})" : " (an inline schema)";

    private static bool IsSuccess(string status) => status.StartsWith('2') || status.StartsWith('?');
}
