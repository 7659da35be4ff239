using System.Text.RegularExpressions;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// docs/architecture.md's walks list every file a reader opens, in order: each file named in a walk
/// exists, and Walk 1 names the file of every hand-written type the send path names.
/// </summary>
public partial class ArchitectureDocTests
{
    private static readonly string Root = Shared.RepositoryRoot.FullPath;

    /// <summary>The walks, by title: the tables under "The walks", each a list of the files in its File column.</summary>
    private static Dictionary<string, List<string>> Walks()
    {
        var walks = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in File.ReadLines(Path.Combine(Root, "docs", "architecture.md")))
        {
            if (line.StartsWith("### Walk ", StringComparison.Ordinal))
                walks[line[4..]] = current = [];
            else if (line.StartsWith("## ", StringComparison.Ordinal))
                current = null;
            else if (current is not null && FileCell().Match(line) is { Success: true } row)
                current.Add(row.Groups["file"].Value);
        }
        return walks;
    }

    [Test]
    public void There_are_walks_for_a_call_a_429_and_export()
    {
        var walks = Walks();
        Assert.That(walks.Keys, Has.Some.StartsWith("Walk 1: one call")
            .And.Some.StartsWith("Walk 2: a 429")
            .And.Some.StartsWith("Walk 3: `pinterest-insights export`"));
        Assert.That(walks.Values, Has.All.Count.GreaterThan(10));
    }

    [Test]
    public void Each_file_a_walk_names_exists_and_is_named_once()
    {
        Assert.Multiple(() =>
        {
            foreach (var (walk, files) in Walks())
            {
                Assert.That(files, Is.Unique, walk);
                foreach (var file in files)
                {
                    // The generated client lives under obj/ of the build: its source is the spec and the templates.
                    if (file.StartsWith("obj/", StringComparison.Ordinal))
                        Assert.That(file, Does.EndWith("/Generated/AudienceInsightsClient.g.cs"), walk);
                    else
                        Assert.That(File.Exists(Path.Combine(Root, file)), Is.True, $"{walk}: {file} does not exist");
                }
            }
        });
    }

    [Test]
    public void Walk_1_names_the_file_of_every_type_the_send_path_names()
    {
        var sdk = Path.Combine(Root, "src", "Pinterest.Sdk");
        var declared = new Dictionary<string, HashSet<string>>();
        foreach (var path in Directory.EnumerateFiles(sdk, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                continue;
            foreach (Match type in Declaration().Matches(File.ReadAllText(path)))
                (declared.TryGetValue(type.Groups[1].Value, out var files) ? files : declared[type.Groups[1].Value] = []).Add(relative);
        }
        var sendPath = Comment().Replace(File.ReadAllText(Path.Combine(sdk, "AudienceInsightsClient.Send.cs")), "");
        var walk = Walks().Single(w => w.Key.StartsWith("Walk 1", StringComparison.Ordinal)).Value;

        var named = TypeName().Matches(sendPath).Select(m => m.Value).Distinct().Where(declared.ContainsKey);
        Assert.Multiple(() =>
        {
            foreach (var type in named)
                Assert.That(declared[type].Overlaps(walk), Is.True, $"{type} ({string.Join(", ", declared[type])}) is not in Walk 1");
        });
    }

    [GeneratedRegex(@"^\| \d+ \| `(?<file>[^`]+)` \|")]
    private static partial Regex FileCell();

    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();
}
