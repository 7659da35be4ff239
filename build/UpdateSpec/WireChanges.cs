using Pinterest.Sdk.Build;
using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec;

/// <summary>What a <see cref="WireChange"/> means for users, and so under which heading the report lists it.</summary>
public enum WireChangeKind
{
    /// <summary>A change on the wire that users' code keeps working with.</summary>
    Wire,

    /// <summary>A change of upstream's names only (a component renamed or inlined), not on the wire.</summary>
    NamesOnly,

    /// <summary>Code built against the previous SDK may stop compiling or reading.</summary>
    Breaking,

    /// <summary>Pinterest deprecated something the SDK generates: users' code that uses it gets an [Obsolete] warning.</summary>
    Deprecation,

    /// <summary>A change in parts of the spec the generator ignores (they generate nothing).</summary>
    Ignored,
}

/// <summary>One difference between two fragments, at a schema position (<see cref="SchemaPositions"/>).</summary>
/// <param name="Position">Where: <c>GetAudienceInsights/200/size</c>.</param>
/// <param name="Text">What changed, in words.</param>
/// <param name="Kind">What it means for users.</param>
public sealed record WireChange(string Position, string Text, WireChangeKind Kind)
{
    /// <summary>Whether code built against the previous SDK may stop compiling or reading.</summary>
    public bool Breaking => Kind == WireChangeKind.Breaking;

    /// <summary>A change on the wire: breaking when <paramref name="breaking"/>.</summary>
    internal static WireChange OnWire(string position, string text, bool breaking) =>
        new(position, text, breaking ? WireChangeKind.Breaking : WireChangeKind.Wire);

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
            if (before.Operation(operation) is { } wasOperation && after.Operation(operation) is { } isOperation)
            {
                CompareDeprecation(operation, wasOperation, isOperation, "operation", changes);
                CompareSecurity(operation, wasOperation, isOperation, changes);
            }
            CompareParameters(operation, before, after, changes);
            var oldStatuses = before.Statuses(operation).ToHashSet(StringComparer.Ordinal);
            var newStatuses = after.Statuses(operation).ToHashSet(StringComparer.Ordinal);
            foreach (var status in newStatuses.Except(oldStatuses).Order(StringComparer.Ordinal))
                changes.Add(WireChange.OnWire($"{operation}/{status}", $"new response{Named(after, now.GetValueOrDefault($"{operation}/{status}"), $"{operation}/{status}")}", false));
            foreach (var status in oldStatuses.Except(newStatuses).Order(StringComparer.Ordinal))
                changes.Add(WireChange.OnWire($"{operation}/{status}", "response removed", IsSuccess(status)));
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
                    changes.Add(WireChange.OnWire(position, "new property" + Describe(now[position]), false));
                continue;
            }
            if (!now.TryGetValue(position, out var @is))
            {
                if (parent is not null && now.ContainsKey(parent))
                    changes.Add(WireChange.OnWire(position, "property removed", !isError));
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
            changes.Add(WireChange.OnWire($"{operation}/?{name}", required
                ? $"new required {parameter.Child("in").Text()} parameter: every existing call would have to pass it"
                : $"new optional {parameter.Child("in").Text()} parameter{Describe(after.Resolve(parameter.Child("schema")))} (an optional argument in C#)",
                required));
        }
        foreach (var name in old.Keys.Where(n => !now.ContainsKey(n)))
            changes.Add(WireChange.OnWire($"{operation}/?{name}", "parameter removed", true));
        foreach (var (name, parameter) in now.Where(p => old.ContainsKey(p.Key)))
        {
            var wasRequired = old[name].Child("required").Text() == "true";
            var isRequired = parameter.Child("required").Text() == "true";
            if (wasRequired != isRequired)
                changes.Add(WireChange.OnWire($"{operation}/?{name}", isRequired ? "parameter became required" : "parameter became optional", isRequired));
            CompareDeprecation($"{operation}/?{name}", old[name], parameter, "parameter", changes);
            if (before.Resolve(old[name].Child("schema")) is { } was && after.Resolve(parameter.Child("schema")) is { } @is)
                CompareSchemas($"{operation}/?{name}", before, was, after, @is, isError: false, changes);
        }
    }

    private static void CompareSchemas(string position, SchemaPositions before, YamlMappingNode was, SchemaPositions after, YamlMappingNode @is, bool isError, List<WireChange> changes)
    {
        var (oldType, newType) = (TypeOf(was), TypeOf(@is));
        if (oldType != newType && CSharpTypeOf(was) is { } sameType && sameType == CSharpTypeOf(@is))
            changes.Add(WireChange.OnWire(position, $"type {oldType} became {newType}; the C# type stays {sameType}", breaking: false));
        else if (oldType != newType)
            changes.Add(@is.Child(SdkExtensionKeys.CSharpType).Text() is { } held
                ? WireChange.OnWire(position, $"type {oldType} became {newType}; the overlay keeps the C# type {held}", breaking: false)
                : WireChange.OnWire(position, $"type {oldType} became {newType} (the C# type changes; the overlay can keep the old one: {SdkExtensionKeys.CSharpType})", breaking: !isError));

        var oldValues = Values(was);
        var newValues = Values(@is);
        if (newValues.Except(oldValues).ToList() is { Count: > 0 } added)
            changes.Add(WireChange.OnWire(position, $"enum values added: {string.Join(", ", added)}", false));
        if (oldValues.Except(newValues).ToList() is { Count: > 0 } removed)
            changes.Add(WireChange.OnWire(position, $"enum values removed: {string.Join(", ", removed)}", !isError));

        var oldRequired = before.Required(was).ToHashSet(StringComparer.Ordinal);
        var newRequired = after.Required(@is).ToHashSet(StringComparer.Ordinal);
        if (newRequired.Except(oldRequired).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } nowRequired)
            changes.Add(WireChange.OnWire(position, $"now required: {string.Join(", ", nowRequired)}", false));
        if (oldRequired.Except(newRequired).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } noLonger)
            changes.Add(WireChange.OnWire(position, $"no longer required: {string.Join(", ", noLonger)}", false));

        CompareDeprecation(position, was, @is, position.Split('/').Length == 2 ? "schema" : "property", changes);
        var oldIgnored = SchemaPositions.IgnoredProperties(was).ToList();
        var newIgnored = SchemaPositions.IgnoredProperties(@is).ToList();
        var type = @is.Child("type").Text() ?? was.Child("type").Text();
        if (newIgnored.Except(oldIgnored).ToList() is { Count: > 0 } strayAdded)
            changes.Add(new(position, $"properties added to a {type} schema (they generate nothing): {string.Join(", ", strayAdded)}", WireChangeKind.Ignored));
        if (oldIgnored.Except(newIgnored).ToList() is { Count: > 0 } strayRemoved)
            changes.Add(new(position, $"properties removed from a {type} schema (they generated nothing): {string.Join(", ", strayRemoved)}", WireChangeKind.Ignored));

        if (was.Child("nullable").Text() != @is.Child("nullable").Text())
            changes.Add(WireChange.OnWire(position, @is.Child("nullable").Text() == "true" ? "now nullable" : "no longer nullable", false));
        if (was.Child("default").Text() != @is.Child("default").Text())
            changes.Add(WireChange.OnWire(position, @is.Child("default") is null ? $"default {was.Child("default").Text()} removed" : $"default is now {@is.Child("default").Text()}", false));

        // Error bodies are read by the SDK's error mapping and never become public types, so their names do not matter.
        if (!isError && SchemaPositions.GeneratesType(@is) && SchemaPositions.ComponentOf(Declared(before, position)) is var oldComponent
            && SchemaPositions.ComponentOf(Declared(after, position)) is var newComponent && oldComponent != newComponent)
        {
            var from = oldComponent is null ? "an inline schema" : oldComponent;
            var to = newComponent is null ? "an inline schema" : newComponent;
            var keeps = @is.Child(SdkExtensionKeys.TypeName).Text() is { } name
                ? $"the overlay keeps its C# name {name}"
                : "the overlay does not name it, so its C# name follows upstream's: name it under schemas in openapi/sdk-overlay.yaml";
            changes.Add(new(position, $"upstream's {from} is now {to}; {keeps}", @is.Child(SdkExtensionKeys.TypeName) is null ? WireChangeKind.Breaking : WireChangeKind.NamesOnly));
        }
    }

    /// <summary>
    /// <c>deprecated: true</c> set or cleared on an operation, parameter, schema or property: the
    /// generated member gets (or loses) <c>[Obsolete]</c> with Pinterest's description as its message.
    /// </summary>
    private static void CompareDeprecation(string position, YamlNode was, YamlNode @is, string what, List<WireChange> changes)
    {
        var (wasDeprecated, isDeprecated) = (was.Child("deprecated").Text() == "true", @is.Child("deprecated").Text() == "true");
        if (isDeprecated && !wasDeprecated)
            changes.Add(new(position, $"{what} deprecated{((@is.Child(SdkExtensionKeys.DeprecatedMessage) ?? @is.Child("description")).Text() is { Length: > 0 } why ? $": {why.Trim()}" : "")}", WireChangeKind.Deprecation));
        else if (wasDeprecated && !isDeprecated)
            changes.Add(WireChange.OnWire(position, $"{what} no longer deprecated", false));
    }

    /// <summary>
    /// The tokens an operation accepts: a scheme added (5.15.0 added <c>client_credentials</c>, app
    /// tokens) lets users call it with more; a scheme removed refuses the tokens some users send.
    /// </summary>
    private static void CompareSecurity(string operation, YamlNode was, YamlNode @is, List<WireChange> changes)
    {
        var (old, now) = (Security(was), Security(@is));
        foreach (var (scheme, scopes) in now.Where(s => !old.ContainsKey(s.Key)))
            changes.Add(WireChange.OnWire(operation, $"now also accepts {scheme} tokens{Scopes(scopes)}", false));
        foreach (var scheme in old.Keys.Where(s => !now.ContainsKey(s)))
            changes.Add(WireChange.OnWire(operation, $"no longer accepts {scheme} tokens", true));
        foreach (var (scheme, scopes) in now.Where(s => old.TryGetValue(s.Key, out var was) && !was.SequenceEqual(s.Value)))
            changes.Add(WireChange.OnWire(operation, $"{scheme} tokens now need{Scopes(scopes)} (was{Scopes(old[scheme])})", true));
    }

    private static Dictionary<string, List<string>> Security(YamlNode operation) =>
        ((operation.Child("security") as YamlSequenceNode)?.Children ?? [])
            .SelectMany(requirement => requirement.Entries())
            .GroupBy(entry => entry.Key.Text()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => (e.Value as YamlSequenceNode)?.Children ?? []).Select(s => s.Text()!).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static string Scopes(List<string> scopes) => scopes.Count == 0 ? "" : $" ({string.Join(", ", scopes)})";

    /// <summary>The report update-spec prints: the changes under one heading per kind, or a line saying there are none.</summary>
    public static string Report(IReadOnlyList<WireChange> changes)
    {
        if (changes.Count == 0)
            return "No change to the SDK's operations (documentation only).\n";
        var report = new System.Text.StringBuilder();
        foreach (var (kind, title) in Headings)
        {
            var listed = changes.Where(c => c.Kind == kind).ToList();
            if (listed.Count == 0)
                continue;
            report.Append(title).Append('\n');
            foreach (var change in listed)
                report.Append("  ").Append(change).Append('\n');
        }
        return report.ToString();
    }

    private static readonly (WireChangeKind Kind, string Title)[] Headings =
    [
        (WireChangeKind.Wire, "Changes on the wire:"),
        (WireChangeKind.NamesOnly, "Changes to upstream's names only (not on the wire):"),
        (WireChangeKind.Deprecation, "Deprecated by Pinterest (users' code that uses these gets an [Obsolete] warning, CS0618):"),
        (WireChangeKind.Ignored, "Ignored (parts of the spec that generate nothing):"),
        (WireChangeKind.Breaking, "BREAKING for users (their code may stop compiling or reading); review before approving the API diff:"),
    ];

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
        var type = schema.Child("type").Text() ?? (SchemaPositions.IsObject(schema) ? "object" : "any");
        return schema.Child("format").Text() is { } format ? $"{type} ({format})" : type;
    }

    /// <summary>
    /// The C# type the generator gives a scalar schema (<see cref="SdkCSharp.ScalarType"/>), so a change
    /// users cannot see (<c>integer</c> to <c>integer, format: int64</c>: a long either way) breaks nothing;
    /// <see langword="null"/> for what the text of <see cref="TypeOf"/> must judge alone.
    /// </summary>
    private static string? CSharpTypeOf(YamlMappingNode schema) => SdkCSharp.ScalarType(schema.Child("type").Text(), schema.Child("format").Text());

    private static List<string> Values(YamlMappingNode schema) =>
        ((schema.Child("enum") as YamlSequenceNode)?.Children ?? []).Select(v => v.Text()!).ToList();

    private static string Describe(YamlMappingNode? schema) => schema is null ? "" : $" ({TypeOf(schema)})";

    private static string Named(SchemaPositions positions, YamlMappingNode? schema, string position) =>
        schema is null ? "" : SchemaPositions.ComponentOf(ResponseSchema(positions, position)) is { } component ? $" ({component})" : " (an inline schema)";

    // A position's second step is a response status, or ?name for a parameter: a request's part,
    // which users' code writes, is judged as a success body is.
    private static bool IsSuccess(string step) => step.StartsWith('?') || SdkCSharp.IsSuccessStatus(step);
}
