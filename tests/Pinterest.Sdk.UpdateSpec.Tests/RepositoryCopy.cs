using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// A temporary copy of what building the library needs (the spec, nswag.json, the code generator and
/// templates, src/Pinterest.Sdk), so a test can change the spec and build without touching the repository.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    public RepositoryCopy()
    {
        Root = Directory.CreateTempSubdirectory("pinterest-sdk-copy-").FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nswag.json" })
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(Root, file));
        CopyTree(Path.Combine(Repository.Root, "openapi"), Path.Combine(Root, "openapi"));
        CopyTree(Path.Combine(Repository.Root, "build", "codegen"), Path.Combine(Root, "build", "codegen"));
        CopyTree(Path.Combine(Repository.Root, "src", "Pinterest.Sdk"), Path.Combine(Root, "src", "Pinterest.Sdk"));
    }

    public string Root { get; }

    public string Fragment => Path.Combine(Root, "openapi", "pinterest-audience-insights.yaml");

    public string Assembly => Path.Combine(Root, "src", "Pinterest.Sdk", "bin", "Debug", "net8.0", "Pinterest.Sdk.dll");

    public string GeneratedClient => Path.Combine(Root, "src", "Pinterest.Sdk", "obj", "Debug", "net8.0", "Generated", "AudienceInsightsClient.g.cs");

    /// <summary>Builds the library (its dependencies copied beside it, so the assembly can be loaded); fails the test if the build fails.</summary>
    public string Build()
    {
        var start = new ProcessStartInfo("dotnet", ["build", Path.Combine(Root, "src", "Pinterest.Sdk", "Pinterest.Sdk.csproj"), "-nologo", "-v", "normal", "-p:CopyLocalLockFileAssemblies=true"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "the build must finish");
        Assert.That(process.ExitCode, Is.Zero, output.Result + errors.Result);
        return output.Result;
    }

    /// <summary>Property and field names of a type in the built assembly, read without loading it.</summary>
    public List<string> Members(string typeName) => ReadMetadata(metadata =>
    {
        var type = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(t => metadata.GetString(t.Name) == typeName && metadata.GetString(t.Namespace) == "Pinterest.Sdk");
        return type.GetProperties().Select(p => metadata.GetString(metadata.GetPropertyDefinition(p).Name))
            .Concat(type.GetFields().Select(f => metadata.GetString(metadata.GetFieldDefinition(f).Name)))
            .ToList();
    });

    public List<string> TypeNames() => ReadMetadata(metadata =>
        metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).ToList());

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private T ReadMetadata<T>(Func<MetadataReader, T> read)
    {
        using var stream = File.OpenRead(Assembly);
        using var pe = new PEReader(stream);
        return read(pe.GetMetadataReader());
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
