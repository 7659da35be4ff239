namespace Pinterest.Sdk.Tests.Support;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the folder holding Pinterest.Sdk.sln, found upwards from the test binaries.</summary>
    public static string Root => Shared.RepositoryRoot.FullPath;

    public static string Fragment => Path.Combine(Root, "openapi", "pinterest-audience-insights.yaml");

    /// <summary>The upstream description beside the repository (../shared/reference/), when present.</summary>
    public static string Upstream => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "pinterest-api-v5.23.0-openapi.yaml"));
}
