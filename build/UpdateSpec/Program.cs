using Pinterest.Sdk.UpdateSpec;

// build/update-spec <upstream.yaml> [--overlay openapi/sdk-overlay.yaml] [--out openapi/pinterest-audience-insights.yaml]
// build/update-spec <upstream.yaml> --reduce <file>   (the release cut to what this tool reads, for the tests)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: build/update-spec <upstream-openapi.yaml> [--overlay <file>] [--out <file>]\n" +
        "       build/update-spec <upstream-openapi.yaml> --reduce <file>   (the release cut to what the tool reads: test data)");
    return args.Length == 0 ? 2 : 0;
}

var root = FindRepositoryRoot();
if (Option("--reduce") is { } reduced)
{
    // Test data: upstream cut to what this tool reads (tests/Pinterest.Sdk.UpdateSpec.Tests/UpstreamReleases).
    File.WriteAllText(reduced, FragmentBuilder.Reduce(File.ReadAllText(args[0]), File.ReadAllText(Option("--overlay") ?? Path.Combine(root, "openapi", "sdk-overlay.yaml"))));
    Console.WriteLine($"{reduced}: written.");
    return 0;
}
var upstream = args[0];
var overlay = Option("--overlay") ?? Path.Combine(root, "openapi", "sdk-overlay.yaml");
var output = Option("--out") ?? Path.Combine(root, "openapi", "pinterest-audience-insights.yaml");

try
{
    var before = File.Exists(output) ? File.ReadAllText(output) : null;
    var fragment = FragmentBuilder.Build(File.ReadAllText(upstream), File.ReadAllText(overlay), before);
    File.WriteAllText(output, fragment);
    if (before == fragment)
    {
        Console.WriteLine($"{output}: unchanged.");
        return 0;
    }
    Console.WriteLine($"{output}: updated.");
    if (before is not null)
        Console.Write(WireChanges.Report(WireChanges.Compare(before, fragment)));
    Console.WriteLine("Next: dotnet build, then dotnet test Pinterest.Sdk.sln to see the public API diff (build/approve-api once reviewed).");
    return 0;
}
catch (Exception e) when (e is UpdateSpecException or IOException or YamlDotNet.Core.YamlException)
{
    Console.Error.WriteLine("update-spec: " + e.Message);
    return 1;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Pinterest.Sdk.sln")))
            return dir.FullName;
    return Directory.GetCurrentDirectory();
}
