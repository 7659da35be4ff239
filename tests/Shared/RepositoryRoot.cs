namespace Pinterest.Sdk.Tests.Shared;

/// <summary>
/// The repository root: the folder holding Pinterest.Sdk.sln, found upwards from the test binaries.
/// Linked into every test project that reads files of the repository or runs its scripts.
/// </summary>
internal static class RepositoryRoot
{
    public static string FullPath { get; } = Find();

    /// <summary>
    /// Pinterest's upstream description the fragment was trimmed from, kept in <c>openapi/upstream/</c>
    /// with its licence: the one <c>pinterest-api-v*-openapi.yaml</c> there, so taking a new release
    /// (replacing the file) needs no test edit.
    /// </summary>
    public static string UpstreamSpec { get; } =
        Directory.GetFiles(Path.Combine(FullPath, "openapi", "upstream"), "pinterest-api-v*-openapi.yaml").Single();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pinterest.Sdk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Pinterest.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
