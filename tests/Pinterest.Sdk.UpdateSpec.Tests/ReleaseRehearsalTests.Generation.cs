using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Sdk.UpdateSpec;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// What the generator makes of a release: a held type, optional parameters of every kind, an inline
/// error body, deprecations. One synthetic release holds them all, so it is built once, for the tests that need it.
/// </summary>
public partial class ReleaseRehearsalTests
{
    /// <summary>The committed overlay, holding the widened <c>size</c> at its C# type.</summary>
    private static readonly string HoldingOverlay = Overlay + "  GetAudienceInsights/200/size:\n    x-sdk-csharp-type: long\n";

    private static readonly Lazy<string> GeneratedCodeFragment =
        new(() => FragmentBuilder.Build(SyntheticRelease.WithGeneratedCodeChanges(), HoldingOverlay, CommittedFragment));

    private static readonly Lazy<(RepositoryCopy Copy, string BuildLog)> GeneratedCodeBuild = new(() =>
    {
        var copy = new RepositoryCopy();
        File.WriteAllText(copy.Fragment, GeneratedCodeFragment.Value);
        return (copy, copy.Build());
    });

    [OneTimeTearDown]
    public void DeleteGeneratedCodeBuild()
    {
        if (GeneratedCodeBuild.IsValueCreated)
            GeneratedCodeBuild.Value.Copy.Dispose();
    }

    [Test]
    public void A_held_type_new_options_an_inline_error_body_and_deprecations_are_reported_by_kind()
    {
        var report = WireChanges.Report(WireChanges.Compare(CommittedFragment, GeneratedCodeFragment.Value));

        Assert.That(report, Is.EqualTo(
            "Changes on the wire:\n" +
            "  GetAudienceInsights/?date: new optional query parameter (string) (an optional argument in C#)\n" +
            "  GetAudienceInsights/?country: new optional query parameter (string) (an optional argument in C#)\n" +
            "  GetAudienceInsights/?page_size: new optional query parameter (integer) (an optional argument in C#)\n" +
            "  GetAudienceInsights/?ratio_floor: new optional query parameter (number) (an optional argument in C#)\n" +
            "  GetAudienceInsights/?include_subcategories: new optional query parameter (boolean) (an optional argument in C#)\n" +
            "  GetAudienceInsights/?scope: new optional query parameter (string) (an optional argument in C#)\n" +
            "  GetAudienceInsights/400: new response (an inline schema)\n" +
            "  GetAudienceInsights/200/size: type integer became number; the overlay keeps the C# type long\n" +
            "Deprecated by Pinterest (users' code that uses these gets an [Obsolete] warning, CS0618):\n" +
            "  GetAudienceInsightsScopeAndType: operation deprecated: This endpoint has been deprecated; use audience_insights.\n" +
            "  GetAudienceInsights/200/size_is_upper_bound: property deprecated: Deprecated: size is exact now.\n"));
    }

    /// <summary>
    /// Optional query parameters of every kind become an Options class whose set values are each
    /// appended to the query, whose bad values are each refused before anything is sent, and which
    /// the overload without options does not send.
    /// </summary>
    [Test]
    public void Options_of_every_kind_are_appended_to_the_query_and_bad_values_refused_before_sending()
    {
        var copy = GeneratedCodeBuild.Value.Copy;
        Assert.That(AssertAdditionsOnly(copy), Does.Contain("public sealed class GetAudienceInsightsOptions").And.Contain("public string? Date { get; set; }"));
        WithRebuiltClient(copy, (sdk, client, sent) =>
        {
            var type = sdk.GetType("Pinterest.Sdk.AudienceInsightType")!;
            var optionsType = sdk.GetType("Pinterest.Sdk.GetAudienceInsightsOptions")!;
            var scopeType = Nullable.GetUnderlyingType(optionsType.GetProperty("Scope")!.PropertyType)!;
            var withOptions = client.GetType().GetMethod("GetAudienceInsightsAsync", [typeof(string), type, optionsType, typeof(CancellationToken)])!;
            var without = client.GetType().GetMethod("GetAudienceInsightsAsync", [typeof(string), type, typeof(CancellationToken)])!;
            var total = Enum.ToObject(type, 0);
            object Options(params (string Name, object Value)[] values)
            {
                var options = Activator.CreateInstance(optionsType)!;
                foreach (var (name, value) in values)
                    optionsType.GetProperty(name)!.SetValue(options, value);
                return options;
            }
            Task Call(object options) => (Task)withOptions.Invoke(client, ["123", total, options, CancellationToken.None])!;
            var partner = Enum.GetValues(scopeType).Cast<object>().Single(v => v.ToString() == "PARTNER");

            Call(Options(("Date", "2026-11-01"), ("Country", "US"), ("PageSize", 250L), ("RatioFloor", 0.25), ("IncludeSubcategories", true), ("Scope", partner))).GetAwaiter().GetResult();
            ((Task)without.Invoke(client, ["123", total, CancellationToken.None])!).GetAwaiter().GetResult();

            Assert.That(sent.Select(u => u.Query), Is.EqualTo(new[]
            {
                "?audience_insight_type=YOUR_TOTAL_AUDIENCE&date=2026-11-01&country=US&page_size=250&ratio_floor=0.25&include_subcategories=true&scope=PARTNER",
                "?audience_insight_type=YOUR_TOTAL_AUDIENCE",
            }));
            foreach (var (name, bad) in new (string, object)[]
            {
                ("Date", "2026-11-01T"), ("Date", "1 Nov 2026"), ("Country", "USA"), ("PageSize", 0L), ("PageSize", 251L),
                ("RatioFloor", -0.5), ("RatioFloor", 1.5), ("Scope", Enum.ToObject(scopeType, 99)),
            })
            {
                Assert.That(() => Call(Options((name, bad))).GetAwaiter().GetResult(),
                    Throws.InstanceOf<ArgumentException>().With.Property("ParamName").EqualTo("options." + name), $"{name} = {bad}");
            }
            Assert.That(sent, Has.Count.EqualTo(2), "no bad value was sent");
        });
    }

    /// <summary>A widened type the overlay holds keeps its C# type (whole numbers still read as long).</summary>
    [Test]
    public void A_widened_type_the_overlay_holds_keeps_its_csharp_type()
    {
        Assert.That(AssertAdditionsOnly(GeneratedCodeBuild.Value.Copy), Does.Contain("public long? Size { get; set; }"));
    }

    /// <summary>An error response with an inline body schema of its own is read by the error mapping: no public type.</summary>
    [Test]
    public void An_inline_error_body_of_one_status_generates_no_type()
    {
        var copy = GeneratedCodeBuild.Value.Copy;

        Assert.That(copy.TypeNames(), Has.None.EqualTo("InvalidParametersError").And.None.EqualTo("Response").And.None.EqualTo("Error"),
            "named Error by SdkTypeNames, which nswag.json excludes");
        Assert.That(AssertAdditionsOnly(copy), Does.Not.Contain("InvalidParameters").And.Not.Contain("class Error"));
    }

    /// <summary>
    /// Pinterest deprecates an operation and a property: the SDK builds without a warning (warnings
    /// are errors), and a consumer that uses them gets CS0618 with Pinterest's words.
    /// </summary>
    [Test]
    public void Deprecations_warn_the_code_that_uses_them_and_not_the_sdk_build()
    {
        var (copy, buildLog) = GeneratedCodeBuild.Value;

        var warnings = Compile(copy, """
            using Pinterest.Sdk;
            public static class Consumer
            {
                public static async System.Threading.Tasks.Task<bool?> UseAsync(IAudienceInsightsClient client)
                {
                    await client.GetAudienceInsightsScopeAndTypeAsync("1");
                    var insights = await client.GetAudienceInsightsAsync("1", AudienceInsightType.YourTotalAudience);
                    return insights.SizeIsUpperBound;
                }
            }
            """);

        Assert.That(buildLog, Does.Not.Contain("warning CS0618"), "the SDK's own uses do not warn");
        Assert.That(warnings, Is.EquivalentTo(new[]
        {
            "CS0618: 'IAudienceInsightsClient.GetAudienceInsightsScopeAndTypeAsync(string, CancellationToken)' is obsolete: 'This endpoint has been deprecated; use audience_insights.'",
            "CS0618: 'AudienceInsightsResponse.SizeIsUpperBound' is obsolete: 'Deprecated: size is exact now.'",
        }));
    }

    /// <summary>Compiles <paramref name="source"/> against the copy's built assembly; returns its warnings as "ID: message".</summary>
    private static List<string> Compile(RepositoryCopy copy, string source)
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.GetFiles(Path.GetDirectoryName(copy.Assembly)!, "*.dll");
        var references = framework.Where(f => !beside.Any(b => Path.GetFileName(b) == Path.GetFileName(f))).Concat(beside)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var diagnostics = compilation.GetDiagnostics();
        Assert.That(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the consumer compiles");
        return [.. diagnostics.Where(d => d.Id == "CS0618").Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }
}
