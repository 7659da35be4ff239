using PublicApiGenerator;

namespace Pinterest.Sdk.Tests.Shared;

/// <summary>
/// The public API listing of an assembly as the approved listings in
/// tests/Pinterest.Sdk.Tests/PublicApi/ hold it. Linked into the projects that compare against them:
/// the approval test, and the update-spec rehearsal (a regenerated client may only add to the listing).
/// </summary>
internal static class PublicApiListing
{
    public static string Of(System.Reflection.Assembly assembly) => Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
    {
        // Not API: the target framework of the build the test sees, and SourceLink's repository URL.
        ExcludeAttributes =
        [
            "System.CodeDom.Compiler.GeneratedCodeAttribute",
            "System.Runtime.Versioning.TargetFrameworkAttribute",
            "System.Reflection.AssemblyMetadataAttribute",
        ],
        // The registration extensions live in Microsoft.Extensions.DependencyInjection, by convention.
        AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"],
    }));

    public static string Approved(string package) => Path.Combine(RepositoryRoot.FullPath, "tests", "Pinterest.Sdk.Tests", "PublicApi", $"{package}.approved.txt");

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
