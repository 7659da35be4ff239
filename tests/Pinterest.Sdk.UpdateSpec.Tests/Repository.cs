namespace Pinterest.Sdk.UpdateSpec.Tests;

internal static class Repository
{
    public static string Root => Pinterest.Sdk.Tests.Shared.RepositoryRoot.FullPath;

    public static string Fragment => Path.Combine(Root, "openapi", "pinterest-audience-insights.yaml");

    public static string Overlay => Path.Combine(Root, "openapi", "sdk-overlay.yaml");

    public static string Upstream => Pinterest.Sdk.Tests.Shared.RepositoryRoot.UpstreamSpec;
}
