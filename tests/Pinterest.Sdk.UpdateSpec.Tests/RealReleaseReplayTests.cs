using System.IO.Compression;
using Pinterest.Sdk.UpdateSpec;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// Pinterest's real releases of these operations (UpstreamReleases/, reduced and compressed), replayed
/// through update-spec's builder and report with the committed overlay: the report calls breaking only
/// what breaks users, and the replay ends on the committed fragment.
/// </summary>
public class RealReleaseReplayTests
{
    private const string NoChange = "No change to the SDK's operations (documentation only).\n";

    private const string InliningOf5150 =
        "Changes on the wire:\n" +
        "  GetAudienceInsights: now also accepts client_credentials tokens (ads:read)\n" +
        "  GetAudienceInsightsScopeAndType: now also accepts client_credentials tokens (ads:read)\n" +
        "Ignored (parts of the spec that generate nothing):\n" +
        "  GetAudienceInsightsScopeAndType/200/items[]/scope: properties removed from a string schema (they generated nothing): scope\n" +
        "  GetAudienceInsightsScopeAndType/200/items[]/type: properties removed from a string schema (they generated nothing): scope\n";

    /// <summary>Each release after 5.11.0, with the report of the step that reaches it.</summary>
    private static readonly (string Version, string Report)[] Replay =
    [
        ("5.12.0", NoChange),
        ("5.13.0", NoChange),
        ("5.14.0", NoChange),
        ("5.15.0", InliningOf5150),
        ("5.16.0", NoChange),
        ("5.17.0", NoChange),
        ("5.18.0", NoChange),
        ("5.20.0", NoChange),
        ("5.21.0", NoChange),
        ("5.22.0", NoChange),
        ("5.23.0", NoChange),
    ];

    private static readonly string Overlay = File.ReadAllText(Repository.Overlay);

    private static string Release(string version)
    {
        using var file = File.OpenRead(Path.Combine(Repository.Root, "tests", "Pinterest.Sdk.UpdateSpec.Tests", "UpstreamReleases", version + ".yaml.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        return reader.ReadToEnd();
    }

    private static string Report(string previous, string fragment) => WireChanges.Report(WireChanges.Compare(previous, fragment));

    [Test]
    public void Replaying_5_11_0_to_5_23_0_gives_each_steps_report_and_ends_on_the_committed_fragment()
    {
        var fragment = FragmentBuilder.Build(Release("5.11.0"), Overlay);
        var reports = new List<(string, string)>();
        foreach (var (version, _) in Replay)
        {
            var next = FragmentBuilder.Build(Release(version), Overlay, fragment);
            reports.Add((version, Report(fragment, next)));
            fragment = next;
        }

        Assert.That(reports, Is.EqualTo(Replay));
        Assert.That(fragment, Is.EqualTo(File.ReadAllText(Repository.Fragment)), "5.23.0 through the tool is the committed fragment");
    }

    /// <summary>
    /// Back across 5.15.0's inlining and forward again: the stray properties of the string schemas
    /// generate nothing (the public API is the same at 5.14.0, 5.15.0 and 5.23.0), so they are not
    /// breaking, and the component the string schema was named by is no type's name; only the app
    /// tokens 5.14.0 did not accept are.
    /// </summary>
    [Test]
    public void Going_back_to_5_14_0_and_forward_to_5_15_0_calls_breaking_only_what_breaks_users()
    {
        var committed = File.ReadAllText(Repository.Fragment);
        var at5140 = FragmentBuilder.Build(Release("5.14.0"), Overlay, committed);
        var at5150 = FragmentBuilder.Build(Release("5.15.0"), Overlay, at5140);

        var back = WireChanges.Compare(committed, at5140);
        var forward = WireChanges.Compare(at5140, at5150);

        Assert.That(forward.Where(c => c.Breaking), Is.Empty);
        Assert.That(WireChanges.Report(back), Is.EqualTo(
            "Ignored (parts of the spec that generate nothing):\n" +
            "  GetAudienceInsightsScopeAndType/200/items[]/scope: properties added to a string schema (they generate nothing): scope\n" +
            "  GetAudienceInsightsScopeAndType/200/items[]/type: properties added to a string schema (they generate nothing): scope\n" +
            "BREAKING for users (their code may stop compiling or reading); review before approving the API diff:\n" +
            "  GetAudienceInsights: no longer accepts client_credentials tokens\n" +
            "  GetAudienceInsightsScopeAndType: no longer accepts client_credentials tokens\n"),
            "the one thing that breaks going back is real: app tokens (PinterestClientCredentialsCredential) are refused");
        Assert.That(WireChanges.Report(forward), Is.EqualTo(InliningOf5150));
    }

    /// <summary>The stored releases are the tool's own reduction: 5.23.0's is the committed upstream file reduced, and builds the same fragment.</summary>
    [Test]
    public void A_stored_release_is_the_tools_reduction_of_the_whole_one()
    {
        var whole = File.ReadAllText(Repository.Upstream);

        var reduced = FragmentBuilder.Reduce(whole, Overlay);

        Assert.That(reduced, Is.EqualTo(Release("5.23.0")));
        Assert.That(FragmentBuilder.Build(reduced, Overlay), Is.EqualTo(FragmentBuilder.Build(whole, Overlay)));
    }

    /// <summary>
    /// 5.10.0 has no <c>subcategories</c>: the update stops, and says upstream removed them and the
    /// entry is to be deleted, never to move it onto a schema another entry already names.
    /// </summary>
    [Test]
    public void Release_5_10_0_stops_with_the_removal_and_the_entry_to_delete()
    {
        var at5110 = FragmentBuilder.Build(Release("5.11.0"), Overlay);

        var stop = Assert.Throws<UpdateSpecException>(() => FragmentBuilder.Build(Release("5.10.0"), Overlay, at5110));

        Assert.That(stop!.Message, Does.Contain("upstream removed the property subcategories of GetAudienceInsights/200/categories[]")
            .And.Contain("BREAKING")
            .And.Contain("delete the entry 'GetAudienceInsights/200/categories[]/subcategories[]' from openapi/sdk-overlay.yaml"));
        Assert.That(stop.Message, Does.Not.Contain("replace the line").And.Not.Contain("is now at"));
    }
}
