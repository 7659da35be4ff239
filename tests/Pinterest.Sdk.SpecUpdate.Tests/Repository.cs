namespace Pinterest.Sdk.SpecUpdate.Tests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Fragment => Path.Combine(Root, "openapi", "pinterest-audience-insights.yaml");

    public static string Overlay => Path.Combine(Root, "openapi", "sdk-overlay.yaml");

    public static string Upstream => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "pinterest-api-v5.23.0-openapi.yaml"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pinterest.Sdk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Pinterest.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
