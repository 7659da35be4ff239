using Pinterest.Sdk.Tests.Shared;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.PublicApi;

/// <summary>
/// The public API is approved by review: any change to it (a hand-written edit, or a spec update
/// that regenerates the client) fails here until &lt;package&gt;.approved.txt is updated with it.
/// </summary>
public class PublicApiTests
{
    private static readonly System.Reflection.Assembly[] Packages =
    [
        typeof(AudienceInsightsClient).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.PinterestServiceCollectionExtensions).Assembly,
        typeof(Pinterest.Sdk.Testing.PinterestStubServer).Assembly,
        typeof(Pinterest.Sdk.Testing.PinterestStubHandler).Assembly,
        typeof(AudienceHistoryStore).Assembly,
        typeof(Pinterest.Sdk.Redis.RedisRateLimitBudgetStore).Assembly,
    ];

    private static string Listing(string package, string kind) =>
        Path.Combine(RepositoryFiles.Root, "tests", "Pinterest.Sdk.Tests", "PublicApi", $"{package}.{kind}.txt");

    [TestCaseSource(nameof(Packages))]
    public void The_public_api_is_the_approved_one(System.Reflection.Assembly package)
    {
        var name = package.GetName().Name!;
        var (approvedFile, received) = (Listing(name, "approved"), Listing(name, "received"));
        var actual = PublicApiListing.Of(package);
        var approved = File.Exists(approvedFile) ? PublicApiListing.Normalize(File.ReadAllText(approvedFile)) : "";

        if (actual == approved)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"""
            The public API of {name} changed. Review the difference, then approve it:
              diff -u {approvedFile} {received}
              build/approve-api
            """);
    }

    /// <summary>The stub types that moved to Pinterest.Sdk.Testing.InProcess are still found through Pinterest.Sdk.Testing by code built against it.</summary>
    [Test]
    public void The_moved_stub_types_are_forwarded()
    {
        var forwarded = typeof(Pinterest.Sdk.Testing.PinterestStubServer).Assembly.GetForwardedTypes();

        Assert.That(forwarded, Is.SupersetOf(new[] { typeof(Pinterest.Sdk.Testing.PinterestStubHandler), typeof(Pinterest.Sdk.Testing.PinterestStubServerOptions) }));
    }
}
