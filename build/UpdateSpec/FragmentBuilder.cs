using System.Globalization;
using System.Text;
using Pinterest.Sdk.Build;
using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec;

/// <summary>
/// Cuts this SDK's fragment out of an upstream Pinterest OpenAPI description: the operations the
/// overlay lists, every component they reach (transitively) and the security schemes they use,
/// then applies the overlay's documentation and code-generation hints. The wire contract (types,
/// formats, patterns, enums, required lists, nullability) is copied from upstream untouched.
/// </summary>
public static class FragmentBuilder
{
    private const string ComponentPrefix = "#/components/";
    private static readonly string[] ComponentSections = ["parameters", "responses", "schemas", "securitySchemes"];

    /// <summary>The C# types a property may be held at, and the wire types each can read (a number as long only when it is whole).</summary>
    private static readonly Dictionary<string, string[]> HeldTypes = new(StringComparer.Ordinal)
    {
        ["long"] = ["integer", "number"],
        ["double"] = ["integer", "number"],
        ["decimal"] = ["integer", "number"],
        ["string"] = ["string"],
        ["bool"] = ["boolean"],
    };

    /// <summary>Builds the fragment's text (LF line ends) from upstream's and the overlay's texts.</summary>
    /// <exception cref="UpdateSpecException">Upstream lacks an operation, schema position or enum member the overlay names.</exception>
    /// <param name="upstreamYaml">The upstream release's description.</param>
    /// <param name="overlayYaml">openapi/sdk-overlay.yaml.</param>
    /// <param name="previousFragment">The fragment the update replaces, if any: used to say where a schema the overlay names went.</param>
    public static string Build(string upstreamYaml, string overlayYaml, string? previousFragment = null)
    {
        var upstream = Load(upstreamYaml);
        var overlay = Load(overlayYaml);
        var release = Release(upstream);
        KeepDeprecationMessages(upstream);
        var (root, operations) = Cut(upstream, overlay, release);

        foreach (var (entry, operation) in operations)
            Annotate(operation, entry.Child("set") as YamlMappingNode, $"{entry.Child("method").Text()!.ToUpperInvariant()} {entry.Child("path").Text()}");
        var info = new YamlMappingNode { { "version", release } };
        foreach (var (key, value) in ((YamlMappingNode)Required(overlay, "info")).Children)
            info.Children[key] = value;
        if (upstream.At("info/license") is { } license)
            info.Set("license", license);
        root.Set("info", info);

        AnnotateSchemas(new SchemaPositions(root), overlay, release, previousFragment);
        return Header(overlay, release) + Write(root);
    }

    /// <summary>
    /// Upstream reduced to what this tool reads for the overlay's operations: <c>openapi</c>,
    /// <c>info</c> (title, version, licence), <c>servers</c>, the operations and the components they
    /// reach, nodes and scalar styles untouched, so <see cref="Build"/> makes the same fragment from
    /// it as from the whole release. Pinterest's releases are kept this way as test data
    /// (tests/Pinterest.Sdk.UpdateSpec.Tests/UpstreamReleases; <c>build/update-spec --reduce</c>).
    /// </summary>
    /// <param name="upstreamYaml">The upstream release's description.</param>
    /// <param name="overlayYaml">openapi/sdk-overlay.yaml (its operations).</param>
    public static string Reduce(string upstreamYaml, string overlayYaml)
    {
        var upstream = Load(upstreamYaml);
        var (root, _) = Cut(upstream, Load(overlayYaml), Release(upstream));
        var info = new YamlMappingNode();
        foreach (var key in new[] { "title", "version", "license" })
            if (upstream.At("info/" + key) is { } value)
                info.Set(key, value);
        root.Set("info", info);
        return Write(root);
    }

    private static string Release(YamlNode upstream) =>
        upstream.At("info/version").Text() ?? throw new UpdateSpecException("Upstream has no info.version.");

    /// <summary>The overlay's operations and every component they reach (a root whose <c>info</c> the caller sets), and each operation with its overlay entry.</summary>
    private static (YamlMappingNode Root, List<(YamlNode Entry, YamlMappingNode Operation)> Operations) Cut(YamlNode upstream, YamlNode overlay, string release)
    {
        var paths = new YamlMappingNode();
        var operations = new List<(YamlNode, YamlMappingNode)>();
        var components = new SortedDictionary<string, SortedDictionary<string, YamlNode>>(StringComparer.Ordinal);
        foreach (YamlMappingNode entry in (YamlSequenceNode)Required(overlay, "operations"))
        {
            var path = entry.Child("path").Text()!;
            var method = entry.Child("method").Text()!;
            var operation = upstream.Child("paths")?.Child(path)?.Child(method) as YamlMappingNode
                ?? throw new UpdateSpecException($"Upstream {release} has no operation {method.ToUpperInvariant()} {path}{WhereItWent(upstream, entry)}.");
            CollectComponents(upstream, operation, components, release);
            foreach (var security in (operation.Child("security") as YamlSequenceNode)?.Children ?? [])
                foreach (var scheme in ((YamlMappingNode)security).Children.Keys)
                    AddComponent(upstream, $"{ComponentPrefix}securitySchemes/{scheme.Text()}", components, release);
            operations.Add((entry, operation));
            paths.Set(path, new YamlMappingNode { { method, operation } });
        }

        var root = new YamlMappingNode
        {
            { "openapi", Required(upstream, "openapi") },
            { "info", new YamlMappingNode() },
            { "servers", Required(upstream, "servers") },
            { "paths", paths },
        };
        var componentsNode = new YamlMappingNode();
        foreach (var section in ComponentSections.Where(components.ContainsKey))
        {
            var sectionNode = new YamlMappingNode();
            foreach (var (name, node) in components[section])
                sectionNode.Set(name, node);
            componentsNode.Set(section, sectionNode);
        }
        root.Set("components", componentsNode);
        return (root, operations);
    }

    /// <summary>
    /// Applies the overlay's <c>schemas</c> entries, each keyed by the position of a schema
    /// (<see cref="SchemaPositions"/>), so a C# type name survives upstream renaming or inlining the
    /// schema. A position that finds nothing stops the update and, given the previous fragment, names
    /// the position where a schema with the same properties now sits.
    /// </summary>
    private static void AnnotateSchemas(SchemaPositions positions, YamlNode overlay, string release, string? previousFragment)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var namedAt = new Dictionary<YamlMappingNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var (key, annotations) in overlay.Child("schemas").Entries())
        {
            var position = key.Text()!;
            var schema = positions.Find(position)
                ?? throw new UpdateSpecException(SchemaMoves.Explain(position, positions, release, previousFragment is null ? null : new SchemaPositions(Load(previousFragment)),
                    overlay.Child("schemas").Entries().Select(e => e.Key.Text()!).Where(p => p != position)));
            if (annotations.Child(SdkExtensionKeys.TypeName).Text() is { } typeName)
            {
                if (namedAt.TryGetValue(schema, out var other) && other != typeName)
                    throw new UpdateSpecException($"The overlay names the schema at {position} {typeName}, and the same schema {other} elsewhere; give it one name.");
                if (named.TryGetValue(typeName, out var otherPosition) && !ReferenceEquals(positions.Find(otherPosition), schema))
                    throw new UpdateSpecException($"The overlay gives the name {typeName} to two different schemas in upstream {release}, at {otherPosition} and at {position}.");
                named[typeName] = position;
                namedAt[schema] = typeName;
            }
            if (annotations.Child(SdkExtensionKeys.CSharpType).Text() is { } held
                && !(HeldTypes.TryGetValue(held, out var readable) && readable.Contains(schema.Child("type").Text() ?? "")))
                throw new UpdateSpecException($"The overlay holds the property at {position} as C# {held}, which its type in upstream {release} ({schema.Child("type").Text() ?? "none"}) cannot be read as. " +
                    $"Holdable: {string.Join("; ", HeldTypes.Select(h => $"{h.Key} for {string.Join(" or ", h.Value)}"))}.");
            Annotate(schema, (YamlMappingNode)annotations, position);
        }
    }

    /// <summary>
    /// Pinterest says why it deprecates an operation, parameter, schema or property in its
    /// description; the overlay may replace that description (it becomes the XML doc), so the words go
    /// to <c>x-deprecatedMessage</c> first, where the generator finds them for <c>[Obsolete]</c>.
    /// </summary>
    private static void KeepDeprecationMessages(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Child("deprecated").Text() == "true" && map.Child("description").Text() is { Length: > 0 } why && map.Child(SdkExtensionKeys.DeprecatedMessage) is null)
                    map.Set(SdkExtensionKeys.DeprecatedMessage, new YamlScalarNode(why.Trim()));
                foreach (var value in map.Children.Values.ToList())
                    KeepDeprecationMessages(value);
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                    KeepDeprecationMessages(item);
                break;
        }
    }

    private static void CollectComponents(YamlNode upstream, YamlNode node, SortedDictionary<string, SortedDictionary<string, YamlNode>> found, string release)
    {
        foreach (var reference in node.References())
        {
            if (AddComponent(upstream, reference, found, release) is { } added)
                CollectComponents(upstream, added, found, release);
        }
    }

    /// <summary>Adds a component by reference; returns it when it was not there yet.</summary>
    private static YamlNode? AddComponent(YamlNode upstream, string reference, SortedDictionary<string, SortedDictionary<string, YamlNode>> found, string release)
    {
        if (!reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
            throw new UpdateSpecException($"Upstream {release} uses a reference this tool does not follow: {reference}.");
        var (section, name) = Split(reference[ComponentPrefix.Length..]);
        var items = found.TryGetValue(section, out var existing) ? existing : found[section] = new(StringComparer.Ordinal);
        if (items.ContainsKey(name))
            return null;
        var node = upstream.At($"components/{section}/{name}")
            ?? throw new UpdateSpecException($"Upstream {release} refers to {reference}, which it does not define.");
        items[name] = node;
        return node;
    }

    /// <summary>Applies one overlay entry: plain keys replace upstream's; x-enumNames / x-enumDescriptions map wire values to names.</summary>
    private static void Annotate(YamlMappingNode? target, YamlMappingNode? annotations, string where)
    {
        if (target is null || annotations is null)
            return;
        foreach (var (key, value) in annotations.Children)
        {
            var name = key.Text()!;
            if (name is "x-enumNames" or "x-enumDescriptions" && value is YamlMappingNode byValue)
                target.Set(name, AlignWithEnum(target, byValue, name, where));
            else
                target.Set(name, value);
        }
    }

    /// <summary>
    /// Turns <c>{WIRE_VALUE: text}</c> into a list in upstream's enum order. A value the overlay names
    /// but upstream dropped is an error; a value upstream added gets the generator's PascalCase name
    /// (<see cref="SdkCSharp.PascalCase"/>) and no description.
    /// </summary>
    private static YamlSequenceNode AlignWithEnum(YamlMappingNode schema, YamlMappingNode byValue, string key, string where)
    {
        var members = (schema.Child("enum") as YamlSequenceNode)?.Children.Select(m => m.Text()!).ToList()
            ?? throw new UpdateSpecException($"The overlay gives {key} for {where}, which upstream no longer declares as an enum.");
        var missing = byValue.Children.Keys.Select(k => k.Text()!).Where(v => !members.Contains(v)).ToList();
        if (missing.Count > 0)
            throw new UpdateSpecException($"Upstream removed or renamed enum member(s) {string.Join(", ", missing)} of {where}, which the SDK names in {key}; its members are now {string.Join(", ", members)}.");
        var list = new YamlSequenceNode();
        foreach (var member in members)
        {
            var text = byValue.Child(member).Text() ?? (key == "x-enumNames" ? SdkCSharp.PascalCase(member) : "");
            list.Add(new YamlScalarNode(text));
        }
        return list;
    }

    private static string WhereItWent(YamlNode upstream, YamlMappingNode entry)
    {
        var operationId = entry.Child("upstreamOperationId").Text();
        if (operationId is null || upstream.Child("paths") is not YamlMappingNode paths)
            return " (removed or renamed)";
        foreach (var (path, item) in paths.Children)
            foreach (var (method, operation) in ((YamlMappingNode)item).Children)
                if (operation.Child("operationId").Text() == operationId)
                    return $"; its operationId {operationId} is now at {method.Text()!.ToUpperInvariant()} {path.Text()}";
        return $" (removed or renamed; no operation has operationId {operationId} any more)";
    }

    private static (string Section, string Name) Split(string location)
    {
        var parts = location.Split('/');
        return (parts[0], parts.Length > 1 ? parts[1] : "");
    }

    private static YamlNode Required(YamlNode node, string key) =>
        node.Child(key) ?? throw new UpdateSpecException($"'{key}' is missing.");

    internal static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static string Header(YamlNode overlay, string release)
    {
        var text = overlay.Child("header").Text()!.Replace("{release}", release, StringComparison.Ordinal);
        var header = new StringBuilder();
        foreach (var line in text.Split('\n'))
            header.Append(line.Length == 0 ? "#\n" : "# " + line + "\n");
        return header.ToString();
    }

    private static string Write(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        // YamlDotNet ends the document with an explicit "..." marker; a single-document file needs none.
        if (text.EndsWith("...\n", StringComparison.Ordinal))
            text = text[..^4];
        return text.TrimEnd('\n') + "\n";
    }
}
