using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec;

/// <summary>Small helpers over YamlDotNet's order-preserving node model.</summary>
internal static class YamlNodes
{
    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Follows a slash-separated path of mapping keys, such as <c>components/schemas/Error</c>.</summary>
    public static YamlNode? At(this YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var key in path.Split('/'))
            current = current?.Child(key.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return current;
    }

    /// <summary>The entries of a mapping node; none for anything else.</summary>
    public static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode map ? map.Children : [];

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>Sets <paramref name="key"/>, replacing its value in place or appending it at the end.</summary>
    public static void Set(this YamlMappingNode map, string key, YamlNode value) => map.Children[new YamlScalarNode(key)] = value;

    /// <summary>Every <c>$ref</c> value below <paramref name="node"/>.</summary>
    public static IEnumerable<string> References(this YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key.Text() == "$ref" && value.Text() is { } reference)
                        yield return reference;
                    else
                        foreach (var inner in value.References())
                            yield return inner;
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                    foreach (var inner in item.References())
                        yield return inner;
                break;
        }
    }
}
