using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.SpecTrimmer;

/// <summary>Says where a schema the overlay names went when its position finds nothing in a new release.</summary>
internal static class SchemaMoves
{
    /// <summary>
    /// The message for an overlay position that finds nothing: the position in the new release
    /// whose schema has the most properties (or enum values) in common with the one the previous
    /// fragment had there, and the overlay line to write.
    /// </summary>
    public static string Explain(string position, SchemaPositions release, string version, SchemaPositions? previous)
    {
        var start = $"The overlay's schemas entry '{position}' finds no schema in upstream {version} (a response, parameter or property on the way was renamed or removed).";
        if (previous?.Find(position) is not { } before)
            return start + " Point the entry at the schema's new position in openapi/sdk-overlay.yaml, or remove it.";

        var shape = Shape(previous, before);
        var best = release.All()
            .Select(found => (found.Position, Score: Similarity(shape, Shape(release, found.Schema))))
            .Where(found => found.Score >= 0.5)
            .OrderByDescending(found => found.Score)
            .ThenBy(found => found.Position.Length)
            .FirstOrDefault();
        var described = $"({string.Join(", ", shape.Order(StringComparer.Ordinal))})";
        return best.Position is null
            ? $"{start} No schema in it has the members the previous one had {described}: remove the entry from openapi/sdk-overlay.yaml, or point it at the schema that replaces it."
            : $"{start} The schema with the same members {described} is now at {best.Position}. In openapi/sdk-overlay.yaml, under schemas, replace the line\n" +
              $"  '{position}':\nwith\n  '{best.Position}':";
    }

    /// <summary>A schema's property names, or for an enum its values.</summary>
    private static HashSet<string> Shape(SchemaPositions positions, YamlMappingNode schema)
    {
        var members = positions.Properties(schema).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var value in (schema.Child("enum") as YamlSequenceNode)?.Children ?? [])
            members.Add(value.Text()!);
        return members;
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Intersect(b).Count() / a.Union(b).Count();
}
