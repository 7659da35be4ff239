namespace Pinterest.Sdk.Tests.Shared;

/// <summary>
/// The repository root: the folder holding Pinterest.Sdk.sln, found upwards from the test binaries.
/// Linked into every test project that reads files of the repository or runs its scripts.
/// </summary>
internal static class RepositoryRoot
{
    public static string FullPath { get; } = Find();

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
