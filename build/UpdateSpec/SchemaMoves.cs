using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec;

/// <summary>Says where a schema the overlay names went when its position finds nothing in a new release.</summary>
internal static class SchemaMoves
{
    /// <summary>
    /// The message for an overlay position that finds nothing: the position in the new release whose
    /// schema has the most properties (or enum values) in common with the one the previous fragment had
    /// there, and the overlay line to write. A schema another entry already names is never proposed (it
    /// would get two names); when no other schema fits, upstream removed it, and the entry is to go.
    /// </summary>
    /// <param name="position">The entry's position.</param>
    /// <param name="release">The new release.</param>
    /// <param name="version">Its version.</param>
    /// <param name="previous">The previous fragment, if any.</param>
    /// <param name="pinned">The positions the overlay's other entries name.</param>
    public static string Explain(string position, SchemaPositions release, string version, SchemaPositions? previous, IEnumerable<string> pinned)
    {
        var start = $"The overlay's schemas entry '{position}' finds no schema in upstream {version} (a response, parameter or property on the way was renamed or removed).";
        if (previous?.Find(position) is not { } before)
            return start + " Point the entry at the schema's new position in openapi/sdk-overlay.yaml, or remove it.";

        var taken = pinned.Select(release.Find).OfType<YamlMappingNode>().ToHashSet(ReferenceEqualityComparer.Instance);
        var shape = Shape(previous, before);
        var best = release.All()
            .Where(found => !taken.Contains(found.Schema))
            .Select(found => (found.Position, Score: Similarity(shape, Shape(release, found.Schema))))
            .Where(found => found.Score >= 0.5)
            .OrderByDescending(found => found.Score)
            .ThenBy(found => found.Position.Length)
            .FirstOrDefault();
        var described = $"({string.Join(", ", shape.Order(StringComparer.Ordinal))})";
        return best.Position is null
            ? $"The overlay's schemas entry '{position}' finds no schema in upstream {version}: upstream removed {Removed(position, release)}, " +
              $"and no schema another entry does not already name has its members {described}. Users read it, so this is BREAKING: " +
              $"delete the entry '{position}' from openapi/sdk-overlay.yaml, then review the public API diff."
            : $"{start} The schema with the same members {described} is now at {best.Position}. In openapi/sdk-overlay.yaml, under schemas, replace the line\n" +
              $"  '{position}':\nwith\n  '{best.Position}':";
    }

    /// <summary>The first step of <paramref name="position"/> the release lacks, as "the property P of POSITION".</summary>
    private static string Removed(string position, SchemaPositions release)
    {
        var steps = position.Split('/');
        for (var length = steps.Length - 1; length >= 2; length--)
        {
            var holder = string.Join('/', steps[..length]);
            if (release.Find(holder) is not null)
                return $"the property {steps[length].TrimEnd('[', ']')} of {holder}";
        }
        return $"{string.Join('/', steps[..2])} of operation {steps[0]}";
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
