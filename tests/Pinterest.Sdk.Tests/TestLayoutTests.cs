using System.Text.RegularExpressions;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// How the test projects are laid out, as someone running a part of them relies on it: a filter by
/// namespace (<c>--filter FullyQualifiedName~Pinterest.Sdk.Tests.Auth</c>) selects exactly what
/// the folder holds, because every file's namespace follows its folder.
/// </summary>
public partial class TestLayoutTests
{
    [Test]
    public void Every_test_file_declares_the_namespace_of_its_folder()
    {
        var tests = Path.Combine(RepositoryFiles.Root, "tests");
        var misplaced = new List<string>();
        var checkedFiles = 0;
        foreach (var project in Directory.GetFiles(tests, "*.csproj", SearchOption.AllDirectories).Select(Path.GetDirectoryName))
        {
            var projectName = Path.GetFileName(project!);
            foreach (var file in Directory.GetFiles(project!, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(project!, file);
                if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
                    continue;
                // A program's top-level statements declare no namespace.
                if (Namespace().Match(File.ReadAllText(file)) is not { Success: true } declared)
                    continue;
                checkedFiles++;
                var folder = Path.GetDirectoryName(relative)!;
                var expected = folder.Length == 0 ? projectName : projectName + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
                if (declared.Groups[1].Value != expected)
                    misplaced.Add($"{Path.GetRelativePath(tests, file)}: namespace {declared.Groups[1].Value}, expected {expected}");
            }
        }

        Assert.That(checkedFiles, Is.GreaterThan(50), "the test files were found");
        Assert.That(misplaced, Is.Empty);
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
