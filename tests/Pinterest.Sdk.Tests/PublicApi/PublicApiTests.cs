using PublicApiGenerator;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.PublicApi;

/// <summary>
/// The public API is approved by review: any change to it (a hand-written edit, or a spec update
/// that regenerates the client) fails here until Pinterest.Sdk.approved.txt is updated with it.
/// </summary>
public class PublicApiTests
{
    private static string Approved => Path.Combine(RepositoryFiles.Root, "tests", "Pinterest.Sdk.Tests", "PublicApi", "Pinterest.Sdk.approved.txt");

    private static string Received => Path.ChangeExtension(Approved, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";

    [Test]
    public void The_public_api_is_the_approved_one()
    {
        var actual = Normalize(typeof(AudienceInsightsClient).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.CodeDom.Compiler.GeneratedCodeAttribute"],
        }));
        var approved = File.Exists(Approved) ? Normalize(File.ReadAllText(Approved)) : "";

        if (actual == approved)
        {
            File.Delete(Received);
            return;
        }

        File.WriteAllText(Received, actual);
        Assert.Fail($"""
            The public API changed. Review the difference, then approve it:
              diff -u {Approved} {Received}
              build/approve-api
            """);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
