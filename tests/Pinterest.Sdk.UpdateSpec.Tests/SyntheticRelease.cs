using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// A next Pinterest release made from the 5.23.0 description in openapi/upstream/, edited the way
/// Pinterest's releases edit it (this repository cannot download them): components renamed or
/// inlined, responses and parameters added, types widened.
/// </summary>
internal sealed class SyntheticRelease
{
    private const string SchemaRefs = "#/components/schemas/";
    private const string AudienceInsights = "/ad_accounts/{ad_account_id}/audience_insights";
    private const string InsightsAudiences = "/ad_accounts/{ad_account_id}/insights/audiences";
    private readonly YamlMappingNode _root;

    private SyntheticRelease(string version)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.Upstream)));
        _root = (YamlMappingNode)stream.Documents[0].RootNode;
        ((YamlMappingNode)_root["info"]).Children[new YamlScalarNode("version")] = new YamlScalarNode(version);
    }

    private YamlMappingNode Schemas => (YamlMappingNode)((YamlMappingNode)_root["components"])["schemas"];

    /// <summary>
    /// 5.28.0 as Pinterest's changelog describes it for these two operations: AudienceInsightsResponse
    /// renamed AudienceInsights, AudienceDefinitionResponse inlined in its 200 with <c>items</c>
    /// required, Error replaced by PinterestLibError with five per-status error responses, the
    /// <c>type</c> default removed, and the unused components the release dropped gone.
    /// </summary>
    public static string Release5280()
    {
        var release = new SyntheticRelease("5.28.0");
        release.RenameSchema("AudienceInsightsResponse", "AudienceInsights");
        release.InlineSchema("AudienceDefinitionResponse");
        var definitions = (YamlMappingNode)release.ResponseSchema(InsightsAudiences, "200");
        definitions.Children[new YamlScalarNode("required")] = new YamlSequenceNode(new YamlScalarNode("items"));
        release.RenameSchema("Error", "PinterestLibError");
        foreach (var path in new[] { AudienceInsights, InsightsAudiences })
            foreach (var status in new[] { "400", "401", "403", "404", "429" })
                release.AddResponse(path, status, "PinterestLibError");
        ((YamlMappingNode)release.Schemas["AudienceInsightType"]).Children.Remove(new YamlScalarNode("default"));
        foreach (var name in new[] { "AudienceDefinitionScope", "AudienceDefinitionType", "AudienceInsightCategoryArrayResponse", "AudienceInsightCategoryCommon" })
            release.RemoveSchema(name);
        return release.ToYaml();
    }

    /// <summary>5.23.0 with <c>categories[].subcategories</c> renamed <c>sub_categories</c>: the overlay's entry for it finds nothing.</summary>
    public static string WithSubcategoriesRenamed()
    {
        var release = new SyntheticRelease("5.26.0");
        var properties = (YamlMappingNode)((YamlMappingNode)release.Schemas["AudienceCategory"])["properties"];
        var subcategories = properties[new YamlScalarNode("subcategories")];
        properties.Children.Remove(new YamlScalarNode("subcategories"));
        properties.Children[new YamlScalarNode("sub_categories")] = subcategories;
        return release.ToYaml();
    }

    /// <summary>
    /// 5.23.0 with what the generator must turn into code, all in one release (one build): the
    /// insights response's <c>size</c> widened to number (for an overlay that holds it at long),
    /// optional query parameters of every kind, an inline error body of one status, and deprecations.
    /// </summary>
    public static string WithGeneratedCodeChanges()
    {
        var release = new SyntheticRelease("5.24.0");
        release.WidenSize();
        release.AddOptionsOfEveryKind();
        release.AddInlineErrorBody();
        release.Deprecate();
        return release.ToYaml();
    }

    /// <summary>
    /// Optional query parameters of every kind on <c>audience_insights</c>: a string with a pattern
    /// (and a maxLength it implies), a string with a maxLength alone, an integer and a number with
    /// minimum and maximum, a boolean and an enum.
    /// </summary>
    private void AddOptionsOfEveryKind()
    {
        var parameters = (YamlSequenceNode)Operation(AudienceInsights)["parameters"];
        static YamlMappingNode Parameter(string name, YamlMappingNode schema) => new()
        {
            { "name", name }, { "in", "query" }, { "required", "false" }, { "description", $"The {name}." }, { "schema", schema },
        };
        parameters.Add(Parameter("date", new YamlMappingNode { { "type", "string" }, { "pattern", @"^\d{4}-\d{2}-\d{2}$" }, { "maxLength", "10" } }));
        parameters.Add(Parameter("country", new YamlMappingNode { { "type", "string" }, { "maxLength", "2" } }));
        parameters.Add(Parameter("page_size", new YamlMappingNode { { "type", "integer" }, { "minimum", "1" }, { "maximum", "250" } }));
        parameters.Add(Parameter("ratio_floor", new YamlMappingNode { { "type", "number" }, { "minimum", "0" }, { "maximum", "1" } }));
        parameters.Add(Parameter("include_subcategories", new YamlMappingNode { { "type", "boolean" } }));
        parameters.Add(Parameter("scope", new YamlMappingNode { { "type", "string" }, { "enum", new YamlSequenceNode(new YamlScalarNode("PINTEREST"), new YamlScalarNode("PARTNER")) } }));
    }

    /// <summary>audience_insights answers 400 with a body schema of its own, inline (no component).</summary>
    private void AddInlineErrorBody()
    {
        var responses = (YamlMappingNode)Operation(AudienceInsights)["responses"];
        responses.Children[new YamlScalarNode("400")] = new YamlMappingNode
        {
            { "description", "Invalid parameters." },
            { "content", new YamlMappingNode { { "application/json", new YamlMappingNode { { "schema", new YamlMappingNode
            {
                { "type", "object" }, { "title", "InvalidParametersError" },
                { "properties", new YamlMappingNode { { "code", new YamlMappingNode { { "type", "integer" } } }, { "message", new YamlMappingNode { { "type", "string" } } } } },
            } } } } } },
        };
    }

    /// <summary>Pinterest deprecates the scope-and-type operation and the insights response's <c>size_is_upper_bound</c>, each with its words.</summary>
    private void Deprecate()
    {
        var operation = Operation(InsightsAudiences);
        operation.Children[new YamlScalarNode("deprecated")] = new YamlScalarNode("true");
        operation.Children[new YamlScalarNode("description")] = new YamlScalarNode("This endpoint has been deprecated; use audience_insights.");
        var property = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Schemas["AudienceInsightsResponse"])["properties"])["size_is_upper_bound"];
        property.Children[new YamlScalarNode("deprecated")] = new YamlScalarNode("true");
        property.Children[new YamlScalarNode("description")] = new YamlScalarNode("Deprecated: size is exact now.");
    }

    /// <summary>5.23.0 with the insights response's <c>size</c> widened from integer to number.</summary>
    public static string WithWidenedType()
    {
        var release = new SyntheticRelease("5.25.0");
        release.WidenSize();
        return release.ToYaml();
    }

    private void WidenSize()
    {
        var size = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Schemas["AudienceInsightsResponse"])["properties"])["size"];
        size.Children[new YamlScalarNode("type")] = new YamlScalarNode("number");
    }

    private YamlMappingNode Operation(string path) => (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)_root["paths"])[path])["get"];

    private YamlNode ResponseSchema(string path, string status) =>
        ((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Operation(path)["responses"])[status])["content"])["application/json"])["schema"];

    private void AddResponse(string path, string status, string schema)
    {
        var responses = (YamlMappingNode)Operation(path)["responses"];
        responses.Children[new YamlScalarNode(status)] = new YamlMappingNode
        {
            { "description", string.Create(CultureInfo.InvariantCulture, $"Error {status}") },
            { "content", new YamlMappingNode { { "application/json", new YamlMappingNode { { "schema", new YamlMappingNode { { "$ref", SchemaRefs + schema } } } } } } },
        };
    }

    private void RenameSchema(string from, string to)
    {
        var schema = (YamlMappingNode)Schemas[from];
        Schemas.Children.Remove(new YamlScalarNode(from));
        Schemas.Children[new YamlScalarNode(to)] = schema;
        if (schema.Children.ContainsKey(new YamlScalarNode("title")))
            schema.Children[new YamlScalarNode("title")] = new YamlScalarNode(to);
        Replace(_root, SchemaRefs + from, () => new YamlMappingNode { { "$ref", SchemaRefs + to } });
    }

    /// <summary>Puts a copy of the schema wherever it was referenced, and drops the component.</summary>
    private void InlineSchema(string name)
    {
        var schema = (YamlMappingNode)Schemas[name];
        Schemas.Children.Remove(new YamlScalarNode(name));
        Replace(_root, SchemaRefs + name, () => Copy(schema));
    }

    private void RemoveSchema(string name)
    {
        Schemas.Children.Remove(new YamlScalarNode(name));
        Replace(_root, SchemaRefs + name, () => new YamlMappingNode { { "type", "object" } });
    }

    /// <summary>Replaces every <c>{$ref: reference}</c> below <paramref name="node"/>.</summary>
    private static void Replace(YamlNode node, string reference, Func<YamlNode> with)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children.ToList())
                    if (value is YamlMappingNode inner && inner.Children.TryGetValue(new YamlScalarNode("$ref"), out var target) && ((YamlScalarNode)target).Value == reference)
                        map.Children[key] = with();
                    else
                        Replace(value, reference, with);
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                    if (list.Children[i] is YamlMappingNode inner && inner.Children.TryGetValue(new YamlScalarNode("$ref"), out var target) && ((YamlScalarNode)target).Value == reference)
                        list.Children[i] = with();
                    else
                        Replace(list.Children[i], reference, with);
                break;
        }
    }

    private static YamlNode Copy(YamlNode node) => node switch
    {
        YamlMappingNode map => new YamlMappingNode(map.Children.Select(c => new KeyValuePair<YamlNode, YamlNode>(Copy(c.Key), Copy(c.Value)))),
        YamlSequenceNode list => new YamlSequenceNode(list.Children.Select(Copy)),
        YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style },
        _ => node,
    };

    private string ToYaml()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(_root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
