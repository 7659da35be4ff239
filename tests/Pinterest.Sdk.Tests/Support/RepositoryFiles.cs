namespace Pinterest.Sdk.Tests.Support;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the folder holding Pinterest.Sdk.sln, found upwards from the test binaries.</summary>
    public static string Root => Shared.RepositoryRoot.FullPath;

    public static string Fragment => Path.Combine(Root, "openapi", "pinterest-audience-insights.yaml");

    /// <summary>Pinterest's upstream description the fragment was trimmed from, kept in the repository with its licence.</summary>
    public static string Upstream => Pinterest.Sdk.Tests.Shared.RepositoryRoot.UpstreamSpec;
}
