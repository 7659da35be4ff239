using Pinterest.Sdk.Tests.Shared;
using static Pinterest.Sdk.Package.Tests.Processes;

namespace Pinterest.Sdk.Package.Tests;

/// <summary>
/// Which builds run the analyzers (Directory.Build.targets): a newcomer's first
/// <c>dotnet run --project src/Pinterest.Sdk.Cli</c> skips them, as they are most of its time; every
/// build that checks the code (the solution build, CI, Release) runs them, warnings as errors.
/// </summary>
public class AnalyzerSettingsTests
{
    private static readonly string Cli = Path.Combine(RepositoryRoot.FullPath, "src", "Pinterest.Sdk.Cli", "Pinterest.Sdk.Cli.csproj");

    [Test]
    public void The_readmes_first_run_of_the_tool_skips_the_analyzers() =>
        Assert.That(SkipsAnalyzers(), Is.True);

    /// <summary>Editors drop a project's analyzers when RunAnalyzers is false; the rule sets only the build's switch.</summary>
    [Test]
    public void An_editor_loading_the_tools_project_keeps_its_live_analysis() =>
        Assert.That(Run("dotnet", ["msbuild", Cli, "-getProperty:RunAnalyzers"], RepositoryRoot.FullPath, ("CI", "")).Trim(), Is.Not.EqualTo("false"));

    [TestCase("CI=true", TestName = "A CI build runs the analyzers")]
    [TestCase("Configuration=Release", TestName = "A Release build (pack, publish) runs the analyzers")]
    // What the solution build (build/test, an IDE) gives every project it builds.
    [TestCase("SolutionPath=Pinterest.Sdk.sln", TestName = "A solution build runs the analyzers")]
    [TestCase("RunAnalyzers=true", TestName = "RunAnalyzers=true runs the analyzers")]
    public void A_build_that_checks_the_code_runs_the_analyzers(string property) =>
        Assert.That(SkipsAnalyzers("-p:" + property), Is.False);

    /// <summary>
    /// Whether the compiler would skip the analyzers in a build of the tool's project, outside CI unless
    /// a property says otherwise: what the Roslyn targets decide before they compile (_ComputeSkipAnalyzers).
    /// </summary>
    private static bool SkipsAnalyzers(params string[] properties) =>
        Run("dotnet", ["msbuild", Cli, "-t:_ComputeSkipAnalyzers", "-getProperty:_SkipAnalyzers", .. properties], RepositoryRoot.FullPath, ("CI", "")).Trim() == "true";
}
