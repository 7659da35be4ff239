using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pinterest.Sdk.SpecUpdate.Tests;

/// <summary>
/// Proof that the build-time generation works as documented, on a copy of the generation inputs:
/// a change to the fragment reaches the compiled client, and a build with nothing changed does not
/// run NSwag again.
/// </summary>
[Category("Build")]
public class RegenerationTests
{
    private const string GeneratingMessage = "Pinterest.Sdk: generating the client";

    private string _copy = null!;

    [OneTimeSetUp]
    public void CopyGenerationInputs()
    {
        _copy = Directory.CreateTempSubdirectory("pinterest-sdk-regen-").FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nswag.json" })
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(_copy, file));
        CopyTree(Path.Combine(Repository.Root, "openapi"), Path.Combine(_copy, "openapi"));
        CopyTree(Path.Combine(Repository.Root, "build", "codegen"), Path.Combine(_copy, "build", "codegen"));
        CopyTree(Path.Combine(Repository.Root, "src", "Pinterest.Sdk"), Path.Combine(_copy, "src", "Pinterest.Sdk"));
    }

    [OneTimeTearDown]
    public void DeleteCopy() => Directory.Delete(_copy, recursive: true);

    [Test]
    public void A_no_op_build_skips_nswag_and_a_fragment_edited_after_a_build_reaches_the_compiled_client()
    {
        var assembly = Path.Combine(_copy, "src", "Pinterest.Sdk", "bin", "Debug", "net8.0", "Pinterest.Sdk.dll");
        var generated = Path.Combine(_copy, "src", "Pinterest.Sdk", "obj", "Debug", "net8.0", "Generated", "AudienceInsightsClient.g.cs");

        var initial = Build();
        var generatedAt = File.GetLastWriteTimeUtc(generated);
        Assert.That(initial, Does.Contain(GeneratingMessage), "a fresh copy generates the client");
        Assert.That(Members(assembly, "AudienceInsightsResponse"), Does.Not.Contain("AudienceQuality"));

        var noOp = Build();
        Assert.That(noOp, Does.Not.Contain(GeneratingMessage), "nothing changed, so NSwag must not run");
        Assert.That(File.GetLastWriteTimeUtc(generated), Is.EqualTo(generatedAt));

        var fragment = Path.Combine(_copy, "openapi", "pinterest-audience-insights.yaml");
        var text = File.ReadAllText(fragment);
        // Required fields (a number, a list) and shapes the fragment does not have yet: the generated
        // readers must compile for each (a type without a JsonValues.Read overload stops the build).
        text = Once(text, "        size_is_upper_bound:\n", """
                    audience_quality:
                      description: How well the audience matches.
                      type: number
                    reach:
                      type: integer
                      format: int64
                    tags:
                      type: array
                      items:
                        type: string
                    past_types:
                      type: array
                      items:
                        $ref: '#/components/schemas/AudienceInsightType'
                    updated_at:
                      type: string
                      format: date-time
                    top_pins:
                      type: array
                      items:
                        title: AudiencePin
                        type: object
                        properties:
                          pin_id:
                            type: string
                    size_is_upper_bound:

            """);
        text = Once(text, "      title: AudienceInsightsResponse\n", "      required:\n      - audience_quality\n      - tags\n      title: AudienceInsightsResponse\n");
        text = Once(text, "- PINTEREST_TOTAL_AUDIENCE\n", "- PINTEREST_TOTAL_AUDIENCE\n      - YOUR_LOOKALIKE_AUDIENCE\n");
        text = Once(text, "- PinterestTotalAudience\n", "- PinterestTotalAudience\n      - YourLookalikeAudience\n");
        text = Once(text, "- Pinterest's total audience.\n", "- Pinterest's total audience.\n      - Lookalikes of the ad account's audience.\n");
        File.WriteAllText(fragment, text);
        var afterEdit = Build();

        Assert.That(afterEdit, Does.Contain(GeneratingMessage), "the fragment is an input of generation");
        Assert.That(Members(assembly, "AudienceInsightsResponse"), Does.Contain("AudienceQuality").And.Contain("PastTypes").And.Contain("UpdatedAt"));
        Assert.That(Members(assembly, "AudienceInsightType"), Does.Contain("YourLookalikeAudience"));
        // An inline item schema is named by its title (the SDK's type-name rule), not by its property.
        Assert.That(Members(assembly, "AudiencePin"), Does.Contain("PinId"));
        Assert.That(TypeNames(assembly), Does.Not.Contain("TopPins"));
    }

    private string Build()
    {
        var start = new ProcessStartInfo("dotnet", ["build", Path.Combine(_copy, "src", "Pinterest.Sdk", "Pinterest.Sdk.csproj"), "-nologo", "-v", "normal"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _copy,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "the build must finish");
        Assert.That(process.ExitCode, Is.Zero, output.Result + errors.Result);
        return output.Result;
    }

    /// <summary>Property and field names of a type in a compiled assembly, read without loading it.</summary>
    private static List<string> Members(string assemblyPath, string typeName) => ReadMetadata(assemblyPath, metadata =>
    {
        var type = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(t => metadata.GetString(t.Name) == typeName && metadata.GetString(t.Namespace) == "Pinterest.Sdk");
        return type.GetProperties().Select(p => metadata.GetString(metadata.GetPropertyDefinition(p).Name))
            .Concat(type.GetFields().Select(f => metadata.GetString(metadata.GetFieldDefinition(f).Name)))
            .ToList();
    });

    private static List<string> TypeNames(string assemblyPath) => ReadMetadata(assemblyPath, metadata =>
        metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).ToList());

    private static T ReadMetadata<T>(string assemblyPath, Func<MetadataReader, T> read)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return read(pe.GetMetadataReader());
    }

    private static string Once(string text, string find, string replacement)
    {
        Assert.That(text.Split(find).Length - 1, Is.EqualTo(1), $"the fragment should contain exactly one '{find.Trim()}'");
        return text.Replace(find, replacement, StringComparison.Ordinal);
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
