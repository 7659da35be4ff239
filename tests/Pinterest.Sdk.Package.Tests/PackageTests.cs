using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Pinterest.Sdk.Tests.Shared;
using static Pinterest.Sdk.Package.Tests.Processes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Pinterest.Sdk.Package.Tests;

/// <summary>
/// The packages work as shipped: build/pack produces them, and a fresh project that references them
/// from a local folder feed builds with warnings as errors and calls a stub of the API, as a
/// .NET program and as a Native AOT binary.
/// </summary>
public class PackageTests
{
    private const string Version = "0.1.0";
    private const string Token = "pina_package-test";
    private static readonly string[] Frameworks = ["net8.0", "net10.0"];
    private string _work = null!;
    private string _feed = null!;
    private (string Binary, string Publish)? _nativeCli;

    [OneTimeSetUp]
    public void Pack()
    {
        _work = Directory.CreateTempSubdirectory("pinterest-sdk-package-").FullName;
        _feed = Path.Combine(_work, "feed");
        Run(Path.Combine(RepositoryRoot.FullPath, "build", "pack"), [_feed], RepositoryRoot.FullPath);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_work, recursive: true);

    [TestCase("Pinterest.Sdk")]
    [TestCase("Pinterest.Sdk.Extensions.DependencyInjection")]
    [TestCase("Pinterest.Sdk.Testing.InProcess")]
    [TestCase("Pinterest.Sdk.Testing")]
    [TestCase("Pinterest.Sdk.History")]
    [TestCase("Pinterest.Sdk.Extensions.Redis")]
    public void Each_package_has_both_frameworks_docs_readme_licence_and_symbols(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{Version}.nupkg"));
        var files = package.Entries.Select(e => e.FullName).ToList();
        XNamespace ns = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open()).Root!.Name.Namespace;
        var metadata = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open()).Root!.Element(ns + "metadata")!;

        Assert.Multiple(() =>
        {
            foreach (var tfm in Frameworks)
            {
                Assert.That(files, Does.Contain($"lib/{tfm}/{id}.dll"));
                Assert.That(files, Does.Contain($"lib/{tfm}/{id}.xml"), "XML docs for IntelliSense");
            }
            Assert.That(files, Does.Contain("README.md"));
            Assert.That(metadata.Element(ns + "readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(metadata.Element(ns + "license")?.Value, Is.EqualTo("MIT"));
            Assert.That(metadata.Element(ns + "description")?.Value, Is.Not.Empty);
            Assert.That(metadata.Element(ns + "tags")?.Value, Does.Contain("pinterest"));
            Assert.That(File.Exists(Path.Combine(_feed, $"{id}.{Version}.snupkg")), "symbol package");
        });
        using var symbols = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{Version}.snupkg"));
        Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain($"lib/net8.0/{id}.pdb"));
    }

    [TestCase("Pinterest.Sdk.Extensions.DependencyInjection", "Pinterest.Sdk")]
    [TestCase("Pinterest.Sdk.Testing.InProcess", "Pinterest.Sdk")]
    [TestCase("Pinterest.Sdk.Testing", "Pinterest.Sdk")]
    [TestCase("Pinterest.Sdk.Testing", "Pinterest.Sdk.Testing.InProcess")]
    public void A_package_that_uses_the_cores_internals_depends_on_exactly_its_own_core_version(string id, string core)
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{Version}.nupkg"));
        var nuspec = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open());
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == core).ToList();

        Assert.That(dependencies.Select(d => (string?)d.Attribute("version")), Is.Not.Empty.And.All.EqualTo($"[{Version}]"),
            "it reaches into the other's internals, so NuGet must keep the two in lockstep");
    }

    /// <summary>The tool ships what it runs: the CLI, the SDK, the in-process stub and their real dependencies; no WireMock.Net and its tree.</summary>
    [Test]
    public void The_tool_package_holds_only_the_assemblies_it_runs()
    {
        string[] allowed =
        [
            "pinterest-insights.dll", "Pinterest.Sdk.dll", "Pinterest.Sdk.Testing.InProcess.dll",
            "Newtonsoft.Json.dll", "Polly.Core.dll", "Microsoft.Extensions.Logging.Abstractions.dll",
            "Microsoft.Extensions.DependencyInjection.Abstractions.dll", "Spectre.Console.dll", "Spectre.Console.Ansi.dll",
            // The token store over IDistributedCache (PinterestDistributedTokenStore) is the SDK's.
            "Microsoft.Extensions.Caching.Abstractions.dll", "Microsoft.Extensions.Primitives.dll",
            "System.CommandLine.dll", "System.CommandLine.resources.dll",
            // Audience history in Parquet: fully managed, with its compression codecs.
            "Pinterest.Sdk.History.dll", "Parquet.dll", "CommunityToolkit.HighPerformance.dll", "K4os.Compression.LZ4.dll",
            "Microsoft.IO.RecyclableMemoryStream.dll", "Snappier.dll", "ZstdSharp.dll",
            // PINTEREST_REDIS: one budget for a fleet, through StackExchange.Redis.
            "Pinterest.Sdk.Extensions.Redis.dll", "StackExchange.Redis.dll", "Pipelines.Sockets.Unofficial.dll",
        ];
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"Pinterest.Sdk.Cli.{Version}.nupkg"));

        var assemblies = package.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)).Select(e => e.Name).Distinct().ToList();

        Assert.That(assemblies, Is.SubsetOf(allowed), string.Join(", ", assemblies.Except(allowed)));
        Assert.That(assemblies, Does.Contain("pinterest-insights.dll").And.Contain("Pinterest.Sdk.Testing.InProcess.dll"));
        Assert.That(new FileInfo(Path.Combine(_feed, $"Pinterest.Sdk.Cli.{Version}.nupkg")).Length, Is.LessThanOrEqualTo(3 * 1024 * 1024), "at most 3 MB (Parquet.Net and its codecs included); it was 4 MB with WireMock.Net's tree");
    }

    /// <summary>The code generator is a build tool of the SDK: building into one folder leaves none of it there.</summary>
    [Test]
    public void Building_the_cli_into_a_folder_leaves_no_code_generator_files_there()
    {
        var output = Path.Combine(_work, "cli-build");

        Run("dotnet", ["build", Path.Combine(RepositoryRoot.FullPath, "src", "Pinterest.Sdk.Cli"), "-c", "Release", "-o", output, "--nologo"], RepositoryRoot.FullPath);

        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
        Assert.That(files, Does.Contain("pinterest-insights.dll"));
        Assert.That(files, Has.None.Contains("CodeGen").And.None.StartsWith("NSwag").And.None.StartsWith("NJsonSchema").And.None.StartsWith("WireMock"));
    }

    [Test]
    public void A_fresh_project_referencing_the_packages_from_a_folder_feed_builds_and_calls_the_api()
    {
        using var server = StartStub();
        var consumer = Consumer("consumer", "Consumer.csproj.txt", "Program.cs.txt");

        Run("dotnet", ["build", consumer, "-nologo", $"-p:PinterestSdkVersion={Version}"], consumer);
        var output = Run("dotnet", [Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll"), server.Url + "/v5/"], consumer,
            ("PINTEREST_ACCESS_TOKEN", Token));

        Assert.That(output, Does.Contain("size=123456 categories=1"));
        Assert.That(output, Does.Contain("not-found code=2950 request-id=rid-404"));
    }

    [Test]
    public void A_native_aot_consumer_publishes_without_trim_or_aot_warnings_and_calls_the_api()
    {
        using var server = StartStub();
        var consumer = Consumer("aot-consumer", "AotConsumer.csproj.txt", "AotProgram.cs.txt");

        var publish = Run("dotnet", ["publish", consumer, "-nologo", "-c", "Release", "-r", "linux-x64", $"-p:PinterestSdkVersion={Version}"], consumer);
        var output = Run(Path.Combine(consumer, "bin", "Release", "net10.0", "linux-x64", "publish", "Consumer"), [server.Url + "/v5/"], consumer,
            ("PINTEREST_ACCESS_TOKEN", Token));

        Assert.That(publish, Does.Not.Match(@"warning (IL|CS)\d+"), "no trim or AOT analysis warnings, Newtonsoft.Json's included");
        Assert.That(File.Exists(Path.Combine(consumer, "bin", "Release", "net10.0", "linux-x64", "publish", "Consumer.dll")), Is.False, "a native binary, not IL");
        Assert.That(output, Does.Contain("type=YourTotalAudience size=123456 categories=1 first=Food and drinks quality=0.9"));
        Assert.That(output, Does.Contain("not-found code=2950 request-id=rid-404"));
    }

    [Test]
    public void The_tool_package_installs_and_runs_pinterest_insights()
    {
        var output = Run(InstalledTool(), ["audiences", "549755885175", "--json"], _work, ("PINTEREST_ACCESS_TOKEN", ""));

        Assert.That(output, Does.Contain("\"scope\": \"PARTNER\""));
    }

    [Test]
    public void The_cli_publishes_as_one_native_binary_that_answers_from_the_sample_data_at_once()
    {
        var (binary, publish) = NativeCli();
        var output = Path.GetDirectoryName(binary)!;
        var startUps = new List<TimeSpan>();
        var json = "";
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            json = Run(binary, ["insights", "549755885175", "--json"], _work, ("PINTEREST_ACCESS_TOKEN", ""));
            startUps.Add(watch.Elapsed);
        }
        // Audience history natively: Parquet written (export, snapshot --import) and read back (trend).
        var history = Path.Combine(_work, "native-history");
        Run(binary, ["export", "--format", "jsonl", "--output", Path.Combine(_work, "native.jsonl")], _work, ("PINTEREST_ACCESS_TOKEN", ""));
        Run(binary, ["export", "--format", "parquet", "--output", Path.Combine(_work, "native.parquet")], _work, ("PINTEREST_ACCESS_TOKEN", ""));
        Run(binary, ["snapshot", "--import", Path.Combine(_work, "native.jsonl"), "--store", history], _work, ("PINTEREST_ACCESS_TOKEN", ""));
        var trend = Run(binary, ["trend", "549755885176", "--store", history, "--json"], _work, ("PINTEREST_ACCESS_TOKEN", ""));
        var sample = Run(binary, ["trend", "549755885177", "--json"], _work, ("PINTEREST_ACCESS_TOKEN", ""), ("XDG_DATA_HOME", Path.Combine(_work, "no-data")));
        // Joining a fleet natively (PINTEREST_REDIS, StackExchange.Redis): through a live Redis, and with none there.
        using var api = StartStub();
        using var redis = RedisServer.Start();
        (string, string)[] call = [("PINTEREST_ACCESS_TOKEN", Token), ("PINTEREST_API_BASE_URL", api.Url + "/v5/")];
        var throughRedis = RunWithErrors(binary, ["insights", "549755885175", "--json"], _work, [.. call, ("PINTEREST_REDIS", redis.ConnectionString)]);
        var redisDown = RunWithErrors(binary, ["insights", "549755885175", "--json"], _work, [.. call, ("PINTEREST_REDIS", $"127.0.0.1:{FreePort()}")]);

        Assert.Multiple(() =>
        {
            Assert.That(publish, Does.Not.Match(@"warning (IL|CS)\d+"), "no trim or AOT analysis warnings");
            Assert.That(Directory.GetFiles(output, "*.dll"), Is.Empty, "one native binary, no IL");
            Assert.That(json, Does.Contain("\"type\": \"YOUR_TOTAL_AUDIENCE\"").And.Contain("\"ages\""));
            Assert.That(startUps.Order().ElementAt(2), Is.LessThan(TimeSpan.FromMilliseconds(150)), "median start-up: about 15 ms here; the bound is ten times that, for a machine busy with other test projects");
            Assert.That(File.ReadAllBytes(Path.Combine(_work, "native.parquet"))[..4], Is.EqualTo("PAR1"u8.ToArray()));
            Assert.That(trend, Does.Contain("\"adAccountId\": \"549755885176\"").And.Contain("\"name\": \"home decor\"").And.Contain("\"sample\": false"));
            Assert.That(sample, Does.Contain("\"sample\": true"));
            Assert.That(throughRedis.Output, Does.Contain("\"size\": 123456"));
            Assert.That(throughRedis.Errors, Does.Not.Contain("PINTEREST_REDIS"), "the turn was taken in Redis");
            Assert.That(redisDown.Output, Does.Contain("\"size\": 123456"), "a Redis that is down fails nothing");
            Assert.That(redisDown.Errors, Does.Contain("PINTEREST_REDIS: the shared rate-limit budget did not answer (RedisConnectionException)"));
        });
    }

    /// <summary>
    /// The report page is the same file from the native binary as from the .NET tool: the sample's data,
    /// its history and today's date alike, byte for byte.
    /// </summary>
    [Test]
    public void The_native_binary_writes_the_same_report_page_as_the_dotnet_tool()
    {
        var (native, _) = NativeCli();
        var tool = InstalledTool();
        var nativePage = Path.Combine(_work, "native-report.html");
        var toolPage = Path.Combine(_work, "tool-report.html");
        (string, string)[] sample = [("PINTEREST_ACCESS_TOKEN", ""), ("XDG_CONFIG_HOME", Path.Combine(_work, "no-config")), ("XDG_DATA_HOME", Path.Combine(_work, "no-data"))];

        // The page holds today's date: runs either side of midnight (UTC) are run again.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var day = DateTime.UtcNow.Date;
            Run(native, ["report", "549755885175", "--output", nativePage], _work, sample);
            Run(tool, ["report", "549755885175", "--output", toolPage], _work, sample);
            if (DateTime.UtcNow.Date == day)
                break;
        }

        var page = File.ReadAllText(nativePage);
        Assert.That(page, Does.Contain("SAMPLE DATA").And.Contain("id=\"chart-categories\"").And.Contain("id=\"chart-size\"").And.Contain("Content-Security-Policy"));
        Assert.That(File.ReadAllBytes(nativePage), Is.EqualTo(File.ReadAllBytes(toolPage)), "the same bytes");
    }

    /// <summary>The tool installed from the tool package (a framework-dependent .NET program), once for the fixture.</summary>
    private string InstalledTool()
    {
        var tool = Path.Combine(_work, "tools", "pinterest-insights");
        if (!File.Exists(tool))
        {
            // A private packages folder, so an earlier run's 0.1.0 is not reused.
            Run("dotnet", ["tool", "install", "Pinterest.Sdk.Cli", "--version", Version, "--tool-path", Path.GetDirectoryName(tool)!, "--add-source", _feed], _work,
                ("NUGET_PACKAGES", Path.Combine(_work, "tool-packages")));
        }
        return tool;
    }

    /// <summary>The CLI published by build/publish-cli as one Native AOT binary, once for the fixture, and what the publish printed.</summary>
    private (string Binary, string Publish) NativeCli()
    {
        if (_nativeCli is null)
        {
            var output = Path.Combine(_work, "cli");
            var publish = Run(Path.Combine(RepositoryRoot.FullPath, "build", "publish-cli"), [RuntimeInformation.RuntimeIdentifier, output], RepositoryRoot.FullPath);
            _nativeCli = (Path.Combine(output, "pinterest-insights"), publish);
        }
        return _nativeCli.Value;
    }

    /// <summary>A consumer project from the templates in Consumer/, restoring from the local feed.</summary>
    private string Consumer(string name, string project, string program)
    {
        var consumer = Path.Combine(_work, name);
        Directory.CreateDirectory(consumer);
        var templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(templates, project), Path.Combine(consumer, "Consumer.csproj"));
        File.Copy(Path.Combine(templates, program), Path.Combine(consumer, "Program.cs"));
        // The local feed joins the machine's own sources; a private packages folder keeps a stale
        // 0.1.0 from an earlier run out of the picture.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="local" value="{_feed}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" /></config>
            </configuration>
            """);
        return consumer;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static WireMockServer StartStub()
    {
        var port = FreePort();
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], StartAdminInterface = false });
        server.Given(Request.Create().WithPath("/v5/ad_accounts/549755885175/audience_insights").WithHeader("Authorization", "Bearer " + Token).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""
                {"type": "YOUR_TOTAL_AUDIENCE", "date": "2026-11-01", "size": 123456, "size_is_upper_bound": false, "audience_quality": {"score": 0.9},
                 "categories": [{"key": "food", "name": "Food and drinks", "ratio": 0.4, "index": 1.2, "subcategories": []}]}
                """));
        server.Given(Request.Create().WithPath("/v5/ad_accounts/404/insights/audiences").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithHeader("x-pinterest-rid", "rid-404").WithBody("""{"code": 2950, "message": "Ad account not found."}"""));
        return server;
    }
}
