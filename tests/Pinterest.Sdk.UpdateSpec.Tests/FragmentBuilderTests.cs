using Pinterest.Sdk.UpdateSpec;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>The tool on small synthetic upstream documents, so these run anywhere.</summary>
public class FragmentBuilderTests
{
    private const string Upstream = """
        openapi: 3.0.3
        info:
          version: 9.9.9
          title: Upstream
          license:
            name: MIT
        servers:
          - url: 'https://api.example.com/v5'
        paths:
          '/things/{id}':
            get:
              operationId: things/get
              parameters:
                - $ref: '#/components/parameters/path_id'
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Thing'
              security:
                - oauth:
                    - 'things:read'
          /other:
            get:
              operationId: other/get
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Unrelated'
        components:
          parameters:
            path_id:
              name: id
              in: path
              required: true
              schema:
                type: string
                pattern: ^\d+$
          schemas:
            Thing:
              type: object
              properties:
                kind:
                  $ref: '#/components/schemas/Kind'
                part:
                  $ref: '#/components/schemas/Part'
            Part:
              type: object
              properties:
                n:
                  type: integer
            Kind:
              type: string
              enum:
                - RED
                - GREEN
            Unrelated:
              type: object
          securitySchemes:
            oauth:
              type: oauth2
            unused:
              type: http
              scheme: basic
        """;

    private const string Overlay = """
        header: |-
          Cut from release {release}.
        info:
          title: Things
        operations:
          - path: '/things/{id}'
            method: get
            upstreamOperationId: things/get
            set:
              operationId: GetThing
        schemas:
          GetThing/200:
            x-sdk-type-name: Thing
            description: A thing.
          GetThing/200/kind:
            x-sdk-type-name: Colour
            x-enumNames:
              RED: Red
              GREEN: Green
        """;

    [Test]
    public void Keeps_the_operation_and_exactly_the_components_it_reaches()
    {
        var fragment = FragmentBuilder.Build(Upstream, Overlay);

        Assert.Multiple(() =>
        {
            Assert.That(fragment, Does.StartWith("# Cut from release 9.9.9.\nopenapi: 3.0.3\n"));
            Assert.That(fragment, Does.Contain("operationId: GetThing"));
            Assert.That(fragment, Does.Contain("path_id:").And.Contain("Thing:").And.Contain("Part:").And.Contain("Kind:"), "reached transitively");
            Assert.That(fragment, Does.Contain("oauth:"), "the operation's security scheme");
            Assert.That(fragment, Does.Not.Contain("/other").And.Not.Contain("Unrelated").And.Not.Contain("unused"));
            Assert.That(fragment, Does.Contain("pattern: ^\\d+$"), "the wire contract is copied as is");
        });
    }

    [Test]
    public void Applies_the_overlay()
    {
        var fragment = FragmentBuilder.Build(Upstream, Overlay);

        Assert.That(fragment, Does.Contain("description: A thing."));
        Assert.That(fragment, Does.Match(@"x-enumNames:\n\s*- Red\n\s*- Green\n"));
        Assert.That(fragment, Does.Contain("title: Things").And.Contain("version: 9.9.9"));
    }

    [Test]
    public void Output_is_deterministic_with_lf_line_ends()
    {
        var first = FragmentBuilder.Build(Upstream, Overlay);
        var second = FragmentBuilder.Build(Upstream.Replace("\n", "\r\n", StringComparison.Ordinal), Overlay);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Not.Contain("\r"));
        Assert.That(first, Does.EndWith("\n").And.Not.EndWith("\n\n"));
    }

    [Test]
    public void Components_are_written_in_name_order_whatever_upstreams_order()
    {
        var reordered = Upstream.Replace("""
                Part:
                  type: object
                  properties:
                    n:
                      type: integer
            """, "", StringComparison.Ordinal).Replace("""
                Unrelated:
                  type: object
            """, """
                Unrelated:
                  type: object
                Part:
                  type: object
                  properties:
                    n:
                      type: integer
            """, StringComparison.Ordinal);

        Assert.That(FragmentBuilder.Build(reordered, Overlay), Is.EqualTo(FragmentBuilder.Build(Upstream, Overlay)));
    }

    [Test]
    public void A_removed_operation_fails_loudly()
    {
        var upstream = Upstream.Replace("operationId: things/get", "operationId: things/gone", StringComparison.Ordinal)
            .Replace("'/things/{id}':", "'/gadgets/{id}':", StringComparison.Ordinal);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, Overlay));

        Assert.That(e!.Message, Does.Contain("GET /things/{id}").And.Contain("9.9.9").And.Contain("things/get"));
    }

    [Test]
    public void A_moved_operation_says_where_it_went()
    {
        var upstream = Upstream.Replace("'/things/{id}':", "'/v2/things/{id}':", StringComparison.Ordinal);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, Overlay));

        Assert.That(e!.Message, Does.Contain("is now at GET /v2/things/{id}"));
    }

    [Test]
    public void A_renamed_component_keeps_the_overlays_names_and_docs_because_they_are_keyed_by_position()
    {
        var upstream = Upstream.Replace("Kind", "Hue", StringComparison.Ordinal).Replace("Thing:", "Item:", StringComparison.Ordinal)
            .Replace("schemas/Thing'", "schemas/Item'", StringComparison.Ordinal);

        var fragment = FragmentBuilder.Build(upstream, Overlay);

        Assert.That(fragment, Does.Match(@"Hue:\n(.*\n)*?\s*x-sdk-type-name: Colour\n"));
        Assert.That(fragment, Does.Match(@"Item:\n(.*\n)*?\s*x-sdk-type-name: Thing\n\s*description: A thing\.\n"));
    }

    [Test]
    public void An_inlined_schema_keeps_the_overlays_name()
    {
        var upstream = Upstream.Replace("$ref: '#/components/schemas/Thing'",
            "{ type: object, properties: { kind: { $ref: '#/components/schemas/Kind' } } }", StringComparison.Ordinal);

        var fragment = FragmentBuilder.Build(upstream, Overlay);

        Assert.That(fragment, Does.Contain("x-sdk-type-name: Thing").And.Not.Contain("Thing:"), "named where it sits, with no component left");
    }

    [Test]
    public void A_position_that_finds_nothing_names_where_a_schema_with_the_same_members_went_and_the_line_to_write()
    {
        var previous = FragmentBuilder.Build(Upstream, Overlay);
        var upstream = Upstream.Replace("kind:", "hue:", StringComparison.Ordinal);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, Overlay, previous));

        Assert.That(e!.Message, Does.Contain("'GetThing/200/kind'").And.Contain("9.9.9").And.Contain("(GREEN, RED)")
            .And.Contain("now at GetThing/200/hue").And.EndWith("with\n  'GetThing/200/hue':"));
    }

    [Test]
    public void A_position_that_finds_nothing_without_a_previous_fragment_still_says_which_entry()
    {
        var upstream = Upstream.Replace("kind:", "hue:", StringComparison.Ordinal);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, Overlay));

        Assert.That(e!.Message, Does.Contain("'GetThing/200/kind'").And.Contain("openapi/sdk-overlay.yaml"));
    }

    /// <summary>Upstream's Thing with a second property of the same enum schema as <c>kind</c>.</summary>
    private static string WithSecondKind() => Upstream.Replace(
        "        kind:\n          $ref: '#/components/schemas/Kind'\n",
        "        kind:\n          $ref: '#/components/schemas/Kind'\n        other_kind:\n          $ref: '#/components/schemas/Kind'\n",
        StringComparison.Ordinal);

    /// <summary>The overlay with <paramref name="entries"/> (YAML lines under <c>schemas:</c>) added.</summary>
    private static string OverlayWith(string entries) => Overlay + "\n" + entries;

    [Test]
    public void Two_names_for_one_schema_are_refused()
    {
        var upstream = WithSecondKind();
        Assert.That(upstream, Does.Contain("other_kind"), "the upstream has the second property");
        var overlay = OverlayWith("""
              GetThing/200/other_kind:
                x-sdk-type-name: Hue
            """);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, overlay));

        Assert.That(e!.Message, Is.EqualTo("The overlay names the schema at GetThing/200/other_kind Hue, and the same schema Colour elsewhere; give it one name."));
    }

    [Test]
    public void The_same_name_for_one_schema_at_two_positions_is_one_type()
    {
        var overlay = OverlayWith("""
              GetThing/200/other_kind:
                x-sdk-type-name: Colour
            """);

        var fragment = FragmentBuilder.Build(WithSecondKind(), overlay);

        Assert.That(fragment, Does.Match(@"Kind:\n(.*\n)*?\s*x-sdk-type-name: Colour\n"));
    }

    [Test]
    public void One_name_for_two_schemas_is_refused()
    {
        var overlay = OverlayWith("""
              GetThing/200/part:
                x-sdk-type-name: Thing
            """);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(Upstream, overlay));

        Assert.That(e!.Message, Is.EqualTo("The overlay gives the name Thing to two different schemas in upstream 9.9.9, at GetThing/200 and at GetThing/200/part."));
    }

    [Test]
    public void A_removed_enum_member_the_sdk_names_fails_loudly()
    {
        var upstream = Upstream.Replace("    - GREEN\n", "    - BLUE\n", StringComparison.Ordinal);

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(upstream, Overlay));

        Assert.That(e!.Message, Does.Contain("GREEN").And.Contain("RED, BLUE"));
    }

    [Test]
    public void A_new_enum_member_gets_a_pascal_case_name()
    {
        var upstream = Upstream.Replace("    - GREEN\n", "    - GREEN\n        - DEEP_PURPLE\n", StringComparison.Ordinal);

        var fragment = FragmentBuilder.Build(upstream, Overlay);

        Assert.That(fragment, Does.Contain("- DEEP_PURPLE").And.Match(@"x-enumNames:\n\s*- Red\n\s*- Green\n\s*- DeepPurple\n"));
    }

    /// <summary>The generator's rule for names (build/codegen/SdkCSharp.cs), as its properties get: a word's own capitals are kept.</summary>
    [Test]
    public void A_new_enum_member_is_named_by_the_generators_rule()
    {
        var upstream = Upstream.Replace("    - GREEN\n", "    - GREEN\n        - darkBlue-sky.2\n", StringComparison.Ordinal);

        var fragment = FragmentBuilder.Build(upstream, Overlay);

        Assert.That(fragment, Does.Match(@"x-enumNames:\n\s*- Red\n\s*- Green\n\s*- DarkBlueSky2\n"));
    }

    [Test]
    public void A_held_csharp_type_the_wire_type_cannot_be_read_as_is_refused()
    {
        var overlay = Overlay + "\n  GetThing/200/part/n:\n    x-sdk-csharp-type: string\n";

        var e = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(Upstream, overlay));

        Assert.That(e!.Message, Does.Contain("GetThing/200/part/n").And.Contain("as C# string").And.Contain("integer"));
    }

    [Test]
    public void A_held_csharp_type_is_written_on_the_property()
    {
        var overlay = Overlay + "\n  GetThing/200/part/n:\n    x-sdk-csharp-type: long\n";

        Assert.That(FragmentBuilder.Build(Upstream, overlay), Does.Match(@"n:\n\s*type: integer\n\s*x-sdk-csharp-type: long\n"));
    }
}
