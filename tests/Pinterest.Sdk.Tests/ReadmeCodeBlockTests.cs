using System.Diagnostics;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Configuration;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// Every <c>```csharp</c> block in README.md is compiled against the SDK as it is and then run, against
/// a <see cref="PinterestStubServer"/>: a README that calls an API that does not exist, calls one
/// wrongly, or whose example fails or hangs when run, fails here. The blocks run as written with one
/// rewrite: every <c>new PinterestClientOptions { … }</c> also gets the stub's <c>BaseUrl</c>, and every
/// <c>new PinterestAuthorizationCodeOptions { … }</c> the stub's authorization page and token URL
/// (this machine has no way to Pinterest). A block marked <c>```csharp ignore</c> (one that needs a
/// package the SDK does not bring, such as OpenTelemetry) is left out.
/// </summary>
public partial class ReadmeCodeBlockTests
{
    // What the README's snippets take as given: a new project's implicit usings, an application's
    // configuration, stored tokens, a cancellation token, a client... all of them working, from
    // ReadmeGivens, which the test fills in for each run.
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
        using OpenTelemetry.Metrics;
        using OpenTelemetry.Trace;
        using Pinterest.Sdk;
        using Pinterest.Sdk.Testing;
        using Pinterest.Sdk.Tests;

        internal sealed record StoredTokens(string RefreshToken, string? AccessToken, DateTimeOffset? AccessTokenExpiresAt);

        internal sealed class TokenStore
        {
            public Task SaveAsync(PinterestTokens tokens, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        internal static partial class ReadmeExamples
        {
            private static IAudienceInsightsClient client = ReadmeGivens.Client;
            private static string accountId = ReadmeGivens.AccountIds[0];
            private static IReadOnlyList<string> accountIds = ReadmeGivens.AccountIds;
            private static CancellationToken ct = ReadmeGivens.CancellationToken;
            private static string[] args = [];
            private static HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = ReadmeGivens.Configuration() });
            private static IConfiguration config = ReadmeGivens.Configuration();
            private static StoredTokens stored = new("sample-refresh-token", ReadmeGivens.AccessToken, DateTimeOffset.UtcNow.AddHours(1));
            private static TokenStore store = new();
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
            yield return new TestCaseData(block.Groups["code"].Value).SetName($"README block {index} (line {line}) compiles and runs");
        }
    }

    [Test]
    public void The_readme_has_csharp_examples() => Assert.That(Blocks().Count(), Is.GreaterThanOrEqualTo(6));

    [TestCaseSource(nameof(Blocks))]
    public async Task Compiles_and_runs(string code)
    {
        var source = Source(PointedAtTheStub(code));
        using var assembly = new MemoryStream();
        var errors = Compile(source, assembly);
        Assert.That(errors, Is.Empty, source);

        using var stub = PinterestStubServer.Start();
        using var calls = new FinishedCalls();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        ReadmeGivens.Stub = stub;
        ReadmeGivens.CancellationToken = timeout.Token;
        var output = new StringWriter();
        var errorOutput = new StringWriter();
        var (consoleOut, consoleError) = (Console.Out, Console.Error);
        var token = Environment.GetEnvironmentVariable("PINTEREST_ACCESS_TOKEN");
        var context = new AssemblyLoadContext("readme-block", isCollectible: true);
        try
        {
            Console.SetOut(output);
            Console.SetError(errorOutput);
            Environment.SetEnvironmentVariable("PINTEREST_ACCESS_TOKEN", stub.AccessToken);
            assembly.Position = 0;
            var example = context.LoadFromStream(assembly).GetType("ReadmeExamples")!.GetMethod("Example")!;
            await ((Task)example.Invoke(null, null)!).WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            Console.SetOut(consoleOut);
            Console.SetError(consoleError);
            Environment.SetEnvironmentVariable("PINTEREST_ACCESS_TOKEN", token);
            context.Unload();
        }

        await TestContext.Out.WriteLineAsync(output.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(calls.Failed, Is.Empty, "every call the example makes succeeds against the stub");
            Assert.That(errorOutput.ToString(), Is.Empty, "the example reports no failure");
            if (code.Contains("Console.WriteLine", StringComparison.Ordinal))
                Assert.That(output.ToString(), Is.Not.Empty, "the example prints what it fetched");
        });
    }

    /// <summary>The one rewrite: clients and sign-ins the README builds itself talk to the stub, not Pinterest.</summary>
    private static string PointedAtTheStub(string code) =>
        AuthorizationCodeOptionsInitializer().Replace(
            ClientOptionsInitializer().Replace(code, "new PinterestClientOptions { BaseUrl = ReadmeGivens.Stub.BaseUrl,"),
            "new PinterestAuthorizationCodeOptions { AuthorizationUrl = ReadmeGivens.Stub.AuthorizationUrl, TokenUrl = ReadmeGivens.Stub.TokenUrl,");

    private static string Source(string code)
    {
        static bool IsUsingDirective(string line) => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var", StringComparison.Ordinal);
        var lines = code.Split('\n');
        var usings = string.Join('\n', lines.Where(IsUsingDirective));
        var body = string.Join('\n', lines.Where(l => !IsUsingDirective(l)));
        return new StringBuilder(Prelude.Replace("using Pinterest.Sdk;", usings + "\nusing Pinterest.Sdk;", StringComparison.Ordinal))
            .AppendLine("internal static partial class ReadmeExamples")
            .AppendLine("{")
            .AppendLine("    public static async Task Example()")
            .AppendLine("    {")
            .AppendLine(body)
            .AppendLine("        await Task.CompletedTask;")
            .AppendLine("    }")
            .AppendLine("}")
            .ToString();
    }

    private static List<string> Compile(string source, Stream assembly)
    {
        var compilation = CSharpCompilation.Create("ReadmeExample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var result = compilation.Emit(assembly);
        return result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
    }

    /// <summary>The framework and everything beside the test binaries: the SDK's packages, their dependencies, and this test assembly.</summary>
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

    [GeneratedRegex(@"new PinterestClientOptions\s*\{")]
    private static partial Regex ClientOptionsInitializer();

    [GeneratedRegex(@"new PinterestAuthorizationCodeOptions\s*\{")]
    private static partial Regex AuthorizationCodeOptionsInitializer();

    /// <summary>The SDK's spans (one per call) that end in an error while a block runs.</summary>
    private sealed class FinishedCalls : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<string> _failed = [];

        public FinishedCalls()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == PinterestSdkDiagnostics.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.Status == ActivityStatusCode.Error)
                        lock (_failed) _failed.Add($"{activity.DisplayName}: {activity.StatusDescription}");
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<string> Failed
        {
            get { lock (_failed) return [.. _failed]; }
        }

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>What README.md's examples take as given, pointed at the stub a <see cref="ReadmeCodeBlockTests"/> run starts.</summary>
public static class ReadmeGivens
{
    /// <summary>The stub the running block talks to.</summary>
    public static PinterestStubServer Stub { get; internal set; } = null!;

    /// <summary>Cancelled if the block runs for a minute.</summary>
    public static CancellationToken CancellationToken { get; internal set; }

    /// <summary>A client of the stub.</summary>
    public static IAudienceInsightsClient Client => Stub.CreateClient();

    /// <summary>The stub's ad accounts.</summary>
    public static IReadOnlyList<string> AccountIds => Stub.AdAccountIds;

    /// <summary>A token the stub accepts.</summary>
    public static string AccessToken => Stub.AccessToken;

    /// <summary>An application's configuration: the "Pinterest" section, with the stub's app id and secret, and a free loopback redirect URI.</summary>
    public static ConfigurationManager Configuration()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:AccessToken"] = Stub.AccessToken,
            ["Pinterest:BaseUrl"] = Stub.BaseUrl.ToString(),
            ["Pinterest:ClientId"] = "sample-app-id",
            ["Pinterest:ClientSecret"] = "sample-app-secret",
            ["Pinterest:RedirectUri"] = $"http://127.0.0.1:{FreePort.Next()}/pinterest/callback",
            // The token store's AES-256 key, as "Several replicas" reads it.
            ["Pinterest:TokenKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
        });
        return configuration;
    }
}
