using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Sdk.SpecTrimmer;

namespace Pinterest.Sdk.SpecUpdate.Tests;

/// <summary>What the generator makes of a release: options of every kind, error bodies, deprecations.</summary>
public partial class ReleaseRehearsalTests
{
    /// <summary>
    /// Optional query parameters of every kind become an Options class whose set values are each
    /// appended to the query, and whose bad values are each refused before anything is sent.
    /// </summary>
    [Test]
    public void Options_of_every_kind_are_appended_to_the_query_and_bad_values_refused_before_sending()
    {
        var fragment = FragmentBuilder.Build(SyntheticRelease.WithOptionsOfEveryKind(), Overlay, CommittedFragment);
        using var copy = BuildWith(fragment);
        WithRebuiltClient(copy, (sdk, client, sent) =>
        {
            var type = sdk.GetType("Pinterest.Sdk.AudienceInsightType")!;
            var optionsType = sdk.GetType("Pinterest.Sdk.GetAudienceInsightsOptions")!;
            var scopeType = optionsType.GetProperty("Scope")!.PropertyType;
            var call = client.GetType().GetMethod("GetAudienceInsightsAsync", [typeof(string), type, optionsType, typeof(CancellationToken)])!;
            object Options(params (string Name, object Value)[] values)
            {
                var options = Activator.CreateInstance(optionsType)!;
                foreach (var (name, value) in values)
                    optionsType.GetProperty(name)!.SetValue(options, value);
                return options;
            }
            Task Call(object options) => (Task)call.Invoke(client, ["123", Enum.ToObject(type, 0), options, CancellationToken.None])!;
            var partner = Enum.GetValues(Nullable.GetUnderlyingType(scopeType)!).Cast<object>().Single(v => v.ToString() == "PARTNER");

            Call(Options(("Date", "2026-11-01"), ("Country", "US"), ("PageSize", 250L), ("RatioFloor", 0.25), ("IncludeSubcategories", true), ("Scope", partner))).GetAwaiter().GetResult();

            Assert.That(sent.Single().Query, Is.EqualTo(
                "?audience_insight_type=YOUR_TOTAL_AUDIENCE&date=2026-11-01&country=US&page_size=250&ratio_floor=0.25&include_subcategories=true&scope=PARTNER"));
            var undefined = Enum.ToObject(Nullable.GetUnderlyingType(scopeType)!, 99);
            foreach (var (name, bad) in new (string, object)[]
            {
                ("Date", "2026-11-01T"), ("Date", "1 Nov 2026"), ("Country", "USA"), ("PageSize", 0L), ("PageSize", 251L),
                ("RatioFloor", -0.5), ("RatioFloor", 1.5), ("Scope", undefined),
            })
            {
                Assert.That(() => Call(Options((name, bad))).GetAwaiter().GetResult(),
                    Throws.InstanceOf<ArgumentException>().With.Property("ParamName").EqualTo("options." + name), $"{name} = {bad}");
            }
            Assert.That(sent, Has.Count.EqualTo(1), "no bad value was sent");
        });
    }

    /// <summary>An error response with an inline body schema of its own is read by the error mapping: no public type.</summary>
    [Test]
    public void An_inline_error_body_of_one_status_generates_no_type()
    {
        var fragment = FragmentBuilder.Build(SyntheticRelease.WithInlineErrorSchema(), Overlay, CommittedFragment);
        var changes = WireChanges.Compare(CommittedFragment, fragment);

        using var copy = BuildWith(fragment);
        var listing = AssertAdditionsOnly(copy);

        Assert.That(changes.Select(c => (c.ToString(), c.Breaking)), Is.EqualTo(new[] { ("GetAudienceInsights/400: new response (an inline schema)", false) }));
        Assert.That(copy.TypeNames(), Has.None.EqualTo("InvalidParametersError").And.None.EqualTo("Response").And.None.EqualTo("Error"),
            "named Error by SdkTypeNames, which nswag.json excludes");
        Assert.That(listing, Does.Not.Contain("InvalidParameters").And.Not.Contain("class Error"));
    }

    /// <summary>
    /// Pinterest deprecates an operation and a property: the report lists both with Pinterest's words,
    /// the SDK builds without a warning (warnings are errors), and a consumer that uses them gets
    /// CS0618 with those words.
    /// </summary>
    [Test]
    public void Deprecations_warn_the_code_that_uses_them_and_not_the_sdk_build()
    {
        var fragment = FragmentBuilder.Build(SyntheticRelease.WithDeprecations(), Overlay, CommittedFragment);
        var report = WireChanges.Report(WireChanges.Compare(CommittedFragment, fragment));

        var copy = new RepositoryCopy();
        using (copy)
        {
            File.WriteAllText(copy.Fragment, fragment);
            var build = copy.Build();
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

            Assert.That(report, Is.EqualTo(
                "Deprecated by Pinterest (users' code that uses these gets an [Obsolete] warning, CS0618):\n" +
                "  GetAudienceInsightsScopeAndType: operation deprecated: This endpoint has been deprecated; use audience_insights.\n" +
                "  GetAudienceInsights/200/size_is_upper_bound: property deprecated: Deprecated: size is exact now.\n"));
            Assert.That(build, Does.Not.Contain("warning CS0618"), "the SDK's own uses do not warn");
            Assert.That(warnings, Is.EquivalentTo(new[]
            {
                "CS0618: 'IAudienceInsightsClient.GetAudienceInsightsScopeAndTypeAsync(string, CancellationToken)' is obsolete: 'This endpoint has been deprecated; use audience_insights.'",
                "CS0618: 'AudienceInsightsResponse.SizeIsUpperBound' is obsolete: 'Deprecated: size is exact now.'",
            }));
        }
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
