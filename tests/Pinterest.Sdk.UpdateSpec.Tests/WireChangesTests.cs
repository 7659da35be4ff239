using Pinterest.Sdk.UpdateSpec;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// Every rule of update-spec's report on small fragment pairs, no build: what each change is called,
/// and whether it is breaking, judged by what the generator makes of it.
/// </summary>
public class WireChangesTests
{
    private const string Thing = "Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {$ref: '#/components/schemas/Kind'}}}";
    private const string Kind = "Kind: {type: string, enum: [RED, GREEN]}";
    private const string Error = "Error: {type: object, properties: {code: {type: integer}, message: {type: string}}}";
    private const string Ok = "'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}";
    private const string Default = "default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}";
    private const string Id = "{name: id, in: path, required: true, schema: {type: string}}";

    /// <summary>A fragment with one operation, GetThing, whose parts are given as YAML flow mappings (one per line).</summary>
    private static string Fragment(string[]? schemas = null, string[]? parameters = null, string[]? responses = null, string operation = "")
    {
        static string Lines(IEnumerable<string> items, string indent, string prefix = "") => string.Join("\n", items.Select(i => indent + prefix + i));
        return $"""
            openapi: 3.0.3
            info: {"{"}version: 1.0.0, title: T{"}"}
            paths:
              '/things/{"{"}id{"}"}':
                get:
                  operationId: GetThing
            {Lines(operation.Length == 0 ? [] : [operation], "      ")}
                  parameters:
            {Lines(parameters ?? [Id], "        ", "- ")}
                  responses:
            {Lines(responses ?? [Ok, Default], "        ")}
            components:
              schemas:
            {Lines(schemas ?? [Thing, Kind, Error], "    ")}
            """;
    }

    private static string[] Schemas(params string[] replacing) =>
        [.. new[] { Thing, Kind, Error }.Select(s => replacing.FirstOrDefault(r => r.Split(':')[0] == s.Split(':')[0]) ?? s),
         .. replacing.Where(r => new[] { Thing, Kind, Error }.All(s => s.Split(':')[0] != r.Split(':')[0]))];

    /// <summary>The report's entries as "Kind Position: text".</summary>
    private static List<string> Changes(string before, string after) =>
        [.. WireChanges.Compare(before, after).Select(c => $"{c.Kind} {c}")];

    [Test]
    public void The_same_fragment_has_no_change_and_says_so()
    {
        Assert.That(WireChanges.Compare(Fragment(), Fragment()), Is.Empty);
        Assert.That(WireChanges.Report([]), Is.EqualTo("No change to the SDK's operations (documentation only).\n"));
    }

    [Test]
    public void An_enum_value_added_is_on_the_wire_and_one_removed_is_breaking()
    {
        var added = Changes(Fragment(), Fragment(Schemas("Kind: {type: string, enum: [RED, GREEN, BLUE]}")));
        var removed = Changes(Fragment(), Fragment(Schemas("Kind: {type: string, enum: [RED]}")));

        Assert.That(added, Is.EqualTo(new[] { "Wire GetThing/200/kind: enum values added: BLUE" }));
        Assert.That(removed, Is.EqualTo(new[] { "Breaking GetThing/200/kind: enum values removed: GREEN" }));
    }

    [Test]
    public void A_property_added_is_on_the_wire_and_one_removed_is_breaking_except_in_an_error_body()
    {
        var added = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {$ref: '#/components/schemas/Kind'}, note: {type: string}}}")));
        var removed = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, kind: {$ref: '#/components/schemas/Kind'}}}")));
        var errorRemoved = Changes(Fragment(), Fragment(Schemas("Error: {type: object, properties: {code: {type: integer}}}")));

        Assert.That(added, Is.EqualTo(new[] { "Wire GetThing/200/note: new property (string)" }));
        Assert.That(removed, Is.EqualTo(new[] { "Breaking GetThing/200/size: property removed" }));
        Assert.That(errorRemoved, Is.EqualTo(new[] { "Wire GetThing/default/message: property removed" }), "the error mapping reads error bodies; they are no public type");
    }

    [Test]
    public void A_response_added_is_on_the_wire_a_success_removed_is_breaking_an_error_removed_is_not()
    {
        var notFound = "'404': {description: missing, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}";

        var added = Changes(Fragment(), Fragment(responses: [Ok, notFound, Default]));
        var errorRemoved = Changes(Fragment(responses: [Ok, notFound, Default]), Fragment());
        var successRemoved = Changes(Fragment(), Fragment(responses: [Default]));

        Assert.That(added, Is.EqualTo(new[] { "Wire GetThing/404: new response (schemas/Error)" }));
        Assert.That(errorRemoved, Is.EqualTo(new[] { "Wire GetThing/404: response removed" }));
        Assert.That(successRemoved, Is.EqualTo(new[] { "Breaking GetThing/200: response removed" }));
    }

    [Test]
    public void Parameters_added_removed_or_made_required()
    {
        var optional = "{name: page_size, in: query, required: false, schema: {type: integer}}";
        var required = "{name: page_size, in: query, required: true, schema: {type: integer}}";

        Assert.Multiple(() =>
        {
            Assert.That(Changes(Fragment(), Fragment(parameters: [Id, optional])),
                Is.EqualTo(new[] { "Wire GetThing/?page_size: new optional query parameter (integer) (an optional argument in C#)" }));
            Assert.That(Changes(Fragment(), Fragment(parameters: [Id, required])),
                Is.EqualTo(new[] { "Breaking GetThing/?page_size: new required query parameter: every existing call would have to pass it" }));
            Assert.That(Changes(Fragment(parameters: [Id, optional]), Fragment()),
                Is.EqualTo(new[] { "Breaking GetThing/?page_size: parameter removed" }));
            Assert.That(Changes(Fragment(parameters: [Id, optional]), Fragment(parameters: [Id, required])),
                Is.EqualTo(new[] { "Breaking GetThing/?page_size: parameter became required" }));
            Assert.That(Changes(Fragment(parameters: [Id, required]), Fragment(parameters: [Id, optional])),
                Is.EqualTo(new[] { "Wire GetThing/?page_size: parameter became optional" }));
        });
    }

    [Test]
    public void Nullability_defaults_and_the_required_list_are_on_the_wire_and_break_nothing()
    {
        var after = Fragment(Schemas(
            "Thing: {type: object, required: [name], properties: {name: {type: string, nullable: true}, size: {type: integer, default: 1}, kind: {$ref: '#/components/schemas/Kind'}}}"));

        Assert.That(Changes(Fragment(), after), Is.EqualTo(new[]
        {
            "Wire GetThing/200: now required: name",
            "Wire GetThing/200/name: now nullable",
            "Wire GetThing/200/size: default is now 1",
        }));
    }

    [Test]
    public void A_type_change_is_breaking_unless_the_overlay_holds_the_csharp_type_or_it_is_in_an_error_body()
    {
        var widened = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: number}, kind: {$ref: '#/components/schemas/Kind'}}}")));
        var held = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: number, x-sdk-csharp-type: long}, kind: {$ref: '#/components/schemas/Kind'}}}")));
        var inError = Changes(Fragment(), Fragment(Schemas("Error: {type: object, properties: {code: {type: string}, message: {type: string}}}")));

        Assert.That(widened, Is.EqualTo(new[] { "Breaking GetThing/200/size: type integer became number (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
        Assert.That(held, Is.EqualTo(new[] { "Wire GetThing/200/size: type integer became number; the overlay keeps the C# type long" }));
        Assert.That(inError, Is.EqualTo(new[] { "Wire GetThing/default/code: type integer became string (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
    }

    /// <summary>A type change is judged by the C# type the generator makes of it (build/codegen/SdkCSharp.cs), not by its text.</summary>
    [Test]
    public void A_format_that_keeps_the_csharp_type_breaks_nothing()
    {
        var sized = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: integer, format: int64}, kind: {$ref: '#/components/schemas/Kind'}}}")));

        Assert.That(sized, Is.EqualTo(new[] { "Wire GetThing/200/size: type integer became integer (int64); the C# type stays long" }));
    }

    [Test]
    public void An_integer_that_becomes_a_string_is_breaking()
    {
        var text = Changes(Fragment(), Fragment(Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: string}, kind: {$ref: '#/components/schemas/Kind'}}}")));

        Assert.That(text, Is.EqualTo(new[] { "Breaking GetThing/200/size: type integer became string (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
    }

    /// <summary>
    /// The generator maps <c>integer (int32)</c> to <c>int?</c> and <c>integer (int64)</c> to <c>long?</c>:
    /// a change of the format alone changes the C# type, so it is a type change.
    /// </summary>
    [Test]
    public void A_format_change_alone_is_a_type_change()
    {
        static string WithSize(string size) => Fragment(Schemas($"Thing: {{type: object, properties: {{name: {{type: string}}, size: {size}, kind: {{$ref: '#/components/schemas/Kind'}}}}}}"));

        var widened = Changes(WithSize("{type: integer, format: int32}"), WithSize("{type: integer, format: int64}"));
        var narrowed = Changes(WithSize("{type: integer, format: int64}"), WithSize("{type: integer, format: int32}"));

        Assert.That(widened, Is.EqualTo(new[] { "Breaking GetThing/200/size: type integer (int32) became integer (int64) (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
        Assert.That(narrowed, Is.EqualTo(new[] { "Breaking GetThing/200/size: type integer (int64) became integer (int32) (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
    }

    [Test]
    public void A_component_renamed_or_inlined_is_breaking_unless_the_overlay_names_the_type()
    {
        var renamed = Fragment(
            ["Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {$ref: '#/components/schemas/Colour'}}}", "Colour: {type: string, enum: [RED, GREEN]}", Error]);
        var named = Fragment(
            ["Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {$ref: '#/components/schemas/Colour'}}}", "Colour: {type: string, enum: [RED, GREEN], x-sdk-type-name: Kind}", Error]);
        var inlined = Fragment(
            ["Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {type: string, enum: [RED, GREEN]}}}", Error]);

        Assert.Multiple(() =>
        {
            Assert.That(Changes(Fragment(), renamed), Is.EqualTo(new[] { "Breaking GetThing/200/kind: upstream's schemas/Kind is now schemas/Colour; the overlay does not name it, so its C# name follows upstream's: name it under schemas in openapi/sdk-overlay.yaml" }));
            Assert.That(Changes(Fragment(), named), Is.EqualTo(new[] { "NamesOnly GetThing/200/kind: upstream's schemas/Kind is now schemas/Colour; the overlay keeps its C# name Kind" }));
            Assert.That(Changes(Fragment(), inlined), Is.EqualTo(new[] { "Breaking GetThing/200/kind: upstream's schemas/Kind is now an inline schema; the overlay does not name it, so its C# name follows upstream's: name it under schemas in openapi/sdk-overlay.yaml" }));
        });
    }

    /// <summary>A string schema generates a string: its component's name, and properties upstream left on it, are nothing users see.</summary>
    [Test]
    public void A_string_schemas_name_and_stray_properties_are_not_breaking()
    {
        var before = Fragment(Schemas(
            "Thing: {type: object, properties: {name: {$ref: '#/components/schemas/Name'}, size: {type: integer}, kind: {$ref: '#/components/schemas/Kind'}}}",
            "Name: {type: string, properties: {scope: {enum: [A, B]}}}"));
        var after = Fragment(Schemas(
            "Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {$ref: '#/components/schemas/Kind'}}}"));

        Assert.That(Changes(before, after), Is.EqualTo(new[] { "Ignored GetThing/200/name: properties removed from a string schema (they generated nothing): scope" }));
        Assert.That(Changes(after, before), Is.EqualTo(new[] { "Ignored GetThing/200/name: properties added to a string schema (they generate nothing): scope" }));
    }

    [Test]
    public void A_single_member_allOf_wrapper_with_a_description_is_followed_to_its_schema()
    {
        var wrapped = Fragment(Schemas(
            "Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {allOf: [{$ref: '#/components/schemas/Kind'}], description: The kind.}}}"));
        var wrappedRemoved = Fragment(Schemas(
            "Thing: {type: object, properties: {name: {type: string}, size: {type: integer}, kind: {allOf: [{$ref: '#/components/schemas/Kind'}], description: The kind.}}}",
            "Kind: {type: string, enum: [RED]}"));

        Assert.That(Changes(Fragment(), wrapped), Is.Empty, "the same enum, behind a wrapper that only adds a description");
        Assert.That(Changes(wrapped, wrappedRemoved), Is.EqualTo(new[] { "Breaking GetThing/200/kind: enum values removed: GREEN" }));
    }

    [Test]
    public void Properties_of_a_two_member_allOf_are_the_schemas_own()
    {
        var composed = Fragment(Schemas(
            "Thing: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {kind: {$ref: '#/components/schemas/Kind'}}}]}",
            "Base: {type: object, properties: {name: {type: string}, size: {type: integer}}}"));
        var baseShrunk = Fragment(Schemas(
            "Thing: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {kind: {$ref: '#/components/schemas/Kind'}}}]}",
            "Base: {type: object, properties: {name: {type: string}}}"));

        Assert.That(Changes(Fragment(), composed), Is.Empty, "the same properties, composed");
        Assert.That(Changes(composed, baseShrunk), Is.EqualTo(new[] { "Breaking GetThing/200/size: property removed" }));
    }

    [Test]
    public void Deprecations_of_an_operation_parameter_schema_and_property_are_listed_with_pinterests_words()
    {
        var after = Fragment(
            Schemas("Thing: {type: object, properties: {name: {type: string}, size: {type: integer, deprecated: true, description: Use name.}, kind: {$ref: '#/components/schemas/Kind'}}}",
                "Kind: {type: string, enum: [RED, GREEN], deprecated: true}"),
            parameters: ["{name: id, in: path, required: true, deprecated: true, description: Ids are going., schema: {type: string}}"],
            operation: "deprecated: true\n      description: This endpoint has been deprecated");

        Assert.That(Changes(Fragment(), after), Is.EqualTo(new[]
        {
            "Deprecation GetThing: operation deprecated: This endpoint has been deprecated",
            "Deprecation GetThing/?id: parameter deprecated: Ids are going.",
            "Deprecation GetThing/200/kind: property deprecated",
            "Deprecation GetThing/200/size: property deprecated: Use name.",
        }));
        Assert.That(WireChanges.Report(WireChanges.Compare(Fragment(), after)), Does.StartWith("Deprecated by Pinterest (users' code that uses these gets an [Obsolete] warning, CS0618):\n  GetThing: operation deprecated"));
    }

    [Test]
    public void A_token_scheme_added_is_on_the_wire_and_one_removed_is_breaking()
    {
        var user = "security: [{oauth: ['ads:read']}]";
        var userAndApp = "security: [{oauth: ['ads:read']}, {client_credentials: ['ads:read']}]";

        Assert.That(Changes(Fragment(operation: user), Fragment(operation: userAndApp)), Is.EqualTo(new[] { "Wire GetThing: now also accepts client_credentials tokens (ads:read)" }));
        Assert.That(Changes(Fragment(operation: userAndApp), Fragment(operation: user)), Is.EqualTo(new[] { "Breaking GetThing: no longer accepts client_credentials tokens" }));
    }

    [Test]
    public void The_report_lists_each_kind_under_its_heading_breaking_last()
    {
        var after = Fragment(Schemas(
            "Thing: {type: object, properties: {name: {type: string}, kind: {$ref: '#/components/schemas/Kind'}, note: {type: string}}}"));

        Assert.That(WireChanges.Report(WireChanges.Compare(Fragment(), after)), Is.EqualTo(
            "Changes on the wire:\n" +
            "  GetThing/200/note: new property (string)\n" +
            "BREAKING for users (their code may stop compiling or reading); review before approving the API diff:\n" +
            "  GetThing/200/size: property removed\n"));
    }
}
