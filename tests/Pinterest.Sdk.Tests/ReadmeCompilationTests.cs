using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// Every <c>```csharp</c> block in README.md compiles against the SDK as it is: a README that calls an
/// API that does not exist, or calls one wrongly, fails here. A block marked <c>```csharp ignore</c>
/// (one that needs a package the SDK does not bring, such as OpenTelemetry) is left out.
/// </summary>
public partial class ReadmeCompilationTests
{
    // What the README's snippets take as given: a new project's implicit usings, an application's
    // configuration, stored tokens, a cancellation token...
    private const string Prelude = """
        #nullable enable
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Pinterest.Sdk;
        using Pinterest.Sdk.Testing;

        internal sealed record StoredTokens(string RefreshToken, string? AccessToken, DateTimeOffset? AccessTokenExpiresAt);

        internal sealed class TokenStore
        {
            public Task SaveAsync(PinterestTokens tokens, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        internal static partial class ReadmeExamples
        {
            private static IAudienceInsightsClient client = null!;
            private static string accountId = "549755885175";
            private static List<string> accountIds = ["549755885175"];
            private static CancellationToken ct;
            private static string[] args = [];
            private static HostApplicationBuilder builder = null!;
            private static IConfiguration config = null!;
            private static StoredTokens stored = null!;
            private static TokenStore store = null!;
        }
        """;

    private static IEnumerable<TestCaseData> Blocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var index = 0;
        foreach (Match block in CodeBlock().Matches(readme))
        {
            index++;
            if (block.Groups["info"].Value.Contains("ignore", StringComparison.Ordinal))
                continue;
            var line = readme[..block.Index].Count(c => c == '\n') + 1;
            yield return new TestCaseData(block.Groups["code"].Value).SetName($"README block {index} (line {line}) compiles");
        }
    }

    [Test]
    public void The_readme_has_csharp_examples() => Assert.That(Blocks().Count(), Is.GreaterThanOrEqualTo(6));

    [TestCaseSource(nameof(Blocks))]
    public void Compiles(string code)
    {
        var usings = string.Join('\n', code.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var", StringComparison.Ordinal)));
        var body = string.Join('\n', code.Split('\n').Where(l => !(l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var", StringComparison.Ordinal))));
        var source = new StringBuilder(Prelude.Replace("using Pinterest.Sdk;", usings + "\nusing Pinterest.Sdk;", StringComparison.Ordinal))
            .AppendLine("internal static partial class ReadmeExamples")
            .AppendLine("{")
            .AppendLine("    public static async Task Example()")
            .AppendLine("    {")
            .AppendLine(body)
            .AppendLine("        await Task.CompletedTask;")
            .AppendLine("    }")
            .AppendLine("}")
            .ToString();

        var compilation = CSharpCompilation.Create("ReadmeExample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, source);
    }

    /// <summary>The framework and everything beside the test binaries: the SDK's three packages and their dependencies.</summary>
    private static List<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return framework.Concat(beside)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^```csharp(?<info>[^\n]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
