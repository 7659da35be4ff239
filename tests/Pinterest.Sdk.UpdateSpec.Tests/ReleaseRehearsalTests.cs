using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using Pinterest.Sdk.UpdateSpec;
using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// Takes synthetic next releases (<see cref="SyntheticRelease"/>) the way a maintainer does: the
/// committed overlay, no edits, build/update-spec's fragment and report, a build of the library. A
/// release that changes nothing users read must leave the public API listing with additions only.
/// </summary>
[Category("Build")]
public partial class ReleaseRehearsalTests
{
    private static readonly string Overlay = File.ReadAllText(Repository.Overlay);
    private static readonly string CommittedFragment = File.ReadAllText(Repository.Fragment);

    [Test]
    public void Release_5_28_0_builds_with_the_committed_overlay_and_the_public_api_only_grows()
    {
        var fragment = FragmentBuilder.Build(SyntheticRelease.Release5280(), Overlay, CommittedFragment);
        var changes = WireChanges.Compare(CommittedFragment, fragment).Select(c => (c.ToString(), c.Breaking)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(changes.Where(c => c.Breaking), Is.Empty, "nothing users read changed");
            Assert.That(changes, Does.Contain(("GetAudienceInsights/404: new response (schemas/PinterestLibError)", false)));
            Assert.That(changes, Does.Contain(("GetAudienceInsightsScopeAndType/429: new response (schemas/PinterestLibError)", false)));
            Assert.That(changes, Does.Contain(("GetAudienceInsightsScopeAndType/200: now required: items", false)));
            Assert.That(changes, Does.Contain(("GetAudienceInsights/?audience_insight_type: default YOUR_TOTAL_AUDIENCE removed", false)));
            Assert.That(changes, Does.Contain(("GetAudienceInsights/200: upstream's schemas/AudienceInsightsResponse is now schemas/AudienceInsights; the overlay keeps its C# name AudienceInsightsResponse", false)));
            Assert.That(changes, Does.Contain(("GetAudienceInsightsScopeAndType/200: upstream's schemas/AudienceDefinitionResponse is now an inline schema; the overlay keeps its C# name AudienceDefinitionResponse", false)));
        });

        using var copy = BuildWith(fragment);
        AssertAdditionsOnly(copy);
        Assert.That(copy.TypeNames(), Does.Not.Contain("PinterestLibError").And.Not.Contain("Error"), "error bodies are read by the error mapping, never public types");
    }

    [Test]
    public void A_widened_type_is_reported_as_breaking_by_name()
    {
        var fragment = FragmentBuilder.Build(SyntheticRelease.WithWidenedType(), Overlay, CommittedFragment);

        var breaking = WireChanges.Compare(CommittedFragment, fragment).Where(c => c.Breaking).Select(c => c.ToString());

        Assert.That(breaking, Is.EqualTo(new[] { "GetAudienceInsights/200/size: type integer became number (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)" }));
    }

    [Test]
    public void Update_spec_writes_the_fragment_and_prints_the_wire_changes_with_breaking_ones_by_name()
    {
        var (exitCode, output, fragment) = UpdateSpec(SyntheticRelease.WithWidenedType());

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(fragment, Does.Contain("version: 5.25.0"));
        Assert.That(output, Does.Contain("""
            BREAKING for users (their code may stop compiling or reading); review before approving the API diff:
              GetAudienceInsights/200/size: type integer became number (the C# type changes; the overlay can keep the old one: x-sdk-csharp-type)
            """.ReplaceLineEndings("\n")));
    }

    /// <summary>
    /// A schema the overlay names moved: update-spec (which hands the current fragment to the builder
    /// as the previous one) stops with exit code 1, says where it went and the line to write, and
    /// leaves the fragment as it was; run as the tool, and as the script a maintainer (or CI) runs,
    /// whose own exit code must carry the stop.
    /// </summary>
    [TestCase(false, TestName = "Update_spec_stops_on_a_moved_schema_with_where_it_went_and_the_line_to_write")]
    [TestCase(true, TestName = "The_update_spec_script_stops_on_a_moved_schema_with_exit_code_1")]
    public void Update_spec_stops_on_a_moved_schema(bool script)
    {
        var (exitCode, output, fragment) = UpdateSpec(SyntheticRelease.WithSubcategoriesRenamed(), script);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("is now at GetAudienceInsights/200/categories[]/sub_categories[]")
            .And.Contain("replace the line\n  'GetAudienceInsights/200/categories[]/subcategories[]':\nwith\n  'GetAudienceInsights/200/categories[]/sub_categories[]':"));
        Assert.That(fragment, Is.EqualTo(CommittedFragment), "nothing is written");
    }

    /// <summary>
    /// Runs update-spec on <paramref name="release"/> over a copy of the committed fragment, as the
    /// script build/update-spec (<paramref name="script"/>) or as the tool the tests are built with
    /// (the same program, without the script's build check); returns its exit code, output and the fragment after.
    /// </summary>
    private static (int ExitCode, string Output, string Fragment) UpdateSpec(string release, bool script = true)
    {
        var folder = Directory.CreateTempSubdirectory("pinterest-sdk-update-spec-").FullName;
        try
        {
            var upstream = Path.Combine(folder, "pinterest-api-openapi.yaml");
            var fragment = Path.Combine(folder, "fragment.yaml");
            File.WriteAllText(upstream, release);
            File.Copy(Repository.Fragment, fragment);
            var (exitCode, output) = script
                ? Run("bash", Path.Combine(Repository.Root, "build", "update-spec"), upstream, "--out", fragment)
                : Run("dotnet", Path.Combine(AppContext.BaseDirectory, "UpdateSpec.dll"), upstream, "--out", fragment);
            return (exitCode, output, File.ReadAllText(fragment));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "update-spec must finish");
        return (process.ExitCode, output.Result + errors.Result);
    }

    private static RepositoryCopy BuildWith(string fragment)
    {
        var copy = new RepositoryCopy();
        File.WriteAllText(copy.Fragment, fragment);
        copy.Build();
        return copy;
    }

    /// <summary>Every line of the approved listing is in the new one, in the same order; returns the new listing.</summary>
    private static string AssertAdditionsOnly(RepositoryCopy copy)
    {
        var context = new AssemblyLoadContext("listing", isCollectible: true);
        try
        {
            context.Resolving += (c, name) => LoadBeside(c, copy, name);
            var listing = PublicApiListing.Of(context.LoadFromAssemblyPath(copy.Assembly));
            var approved = PublicApiListing.Normalize(File.ReadAllText(PublicApiListing.Approved("Pinterest.Sdk"))).Split('\n');
            var current = listing.Split('\n');
            var next = 0;
            var missing = new List<string>();
            foreach (var line in approved)
            {
                var at = Array.IndexOf(current, line, next);
                if (at < 0)
                    missing.Add(line);
                else
                    next = at + 1;
            }
            Assert.That(missing, Is.Empty, "the approved public API lost or changed these lines:\n" + string.Join('\n', missing));
            return listing;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the copy's built assembly in a context of its own and hands <paramref name="use"/> it, a client over a recording handler, and what that client sent.</summary>
    private static void WithRebuiltClient(RepositoryCopy copy, Action<Assembly, object, List<Uri>> use)
    {
        var context = new AssemblyLoadContext("rehearsal", isCollectible: true);
        try
        {
            var sent = new List<Uri>();
            context.Resolving += (c, name) => LoadBeside(c, copy, name);
            var sdk = context.LoadFromAssemblyPath(copy.Assembly);
            use(sdk, NewClient(sdk, sent), sent);
        }
        finally
        {
            context.Unload();
        }
    }

    private static object NewClient(Assembly sdk, List<Uri> sent)
    {
        var options = Activator.CreateInstance(sdk.GetType("Pinterest.Sdk.PinterestClientOptions")!)!;
        options.GetType().GetProperty("AccessToken")!.SetValue(options, "rehearsal-token");
        var http = new HttpClient(new Recorder(sent));
        return Activator.CreateInstance(sdk.GetType("Pinterest.Sdk.AudienceInsightsClient")!, http, options)!;
    }

    private static Assembly? LoadBeside(AssemblyLoadContext context, RepositoryCopy copy, AssemblyName name)
    {
        var path = Path.Combine(Path.GetDirectoryName(copy.Assembly)!, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Answers every request with an empty insights object and records its URL.</summary>
    private sealed class Recorder(List<Uri> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
