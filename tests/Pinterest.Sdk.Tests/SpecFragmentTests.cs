using Pinterest.Sdk.Tests.Support;
using YamlDotNet.Serialization;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// The fragment in openapi/ must stay faithful to upstream: same types, formats, patterns, enums,
/// required lists and nullability. Only documentation and code-generation hints may differ.
/// </summary>
public class SpecFragmentTests
{
    private static readonly string[] Operations =
    [
        "/ad_accounts/{ad_account_id}/audience_insights",
        "/ad_accounts/{ad_account_id}/insights/audiences",
    ];

    // Keys the fragment may change: they shape docs and C# names, not the wire contract.
    private static readonly HashSet<string> FreeKeys = ["description", "title", "example", "summary", "operationId"];

    private Dictionary<object, object> _fragment = null!;
    private Dictionary<object, object> _upstream = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _fragment = Parse(RepositoryFiles.Fragment);
        _upstream = Parse(RepositoryFiles.Upstream);
    }

    [Test]
    public void Names_the_upstream_release_it_was_cut_from()
    {
        Assert.That(File.ReadLines(RepositoryFiles.Fragment).First(), Does.Contain($"release {Get(_upstream, "info", "version")}"));
        Assert.That(Get(_fragment, "info", "version"), Is.EqualTo(Get(_upstream, "info", "version")));
        Assert.That(Get(_fragment, "servers") is List<object> { Count: > 0 } servers ? Get(servers[0], "url") : null,
            Is.EqualTo("https://api.pinterest.com/v5"));
    }

    [Test]
    public void Holds_exactly_the_two_operations()
    {
        Assert.That(((Dictionary<object, object>)_fragment["paths"]).Keys, Is.EquivalentTo(Operations));
    }

    [TestCaseSource(nameof(Operations))]
    public void Each_operation_matches_upstream(string path)
    {
        Assert.That(Canonical(Get(_fragment, "paths", path)), Is.EqualTo(Canonical(Get(_upstream, "paths", path))));
    }

    [Test]
    public void Holds_exactly_the_components_the_operations_reach_each_as_upstream_has_it()
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in Operations)
            CollectRefs(Get(_upstream, "paths", path), reached);
        foreach (var security in new[] { "pinterest_oauth2", "client_credentials" })
            reached.Add("#/components/securitySchemes/" + security);

        var present = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (section, items) in (Dictionary<object, object>)_fragment["components"])
        {
            foreach (var name in ((Dictionary<object, object>)items).Keys)
                present.Add($"#/components/{section}/{name}");
        }

        Assert.That(present, Is.EqualTo(reached));
        Assert.Multiple(() =>
        {
            foreach (var reference in reached)
            {
                var keys = reference["#/".Length..].Split('/');
                Assert.That(Canonical(Get(_fragment, keys)), Is.EqualTo(Canonical(Get(_upstream, keys))), reference);
            }
        });
    }

    private void CollectRefs(object? node, ISet<string> found)
    {
        switch (node)
        {
            case Dictionary<object, object> map:
                foreach (var (key, value) in map)
                {
                    if (Equals(key, "$ref") && value is string reference && found.Add(reference))
                        CollectRefs(Get(_upstream, reference["#/".Length..].Split('/')), found);
                    else
                        CollectRefs(value, found);
                }
                break;
            case List<object> list:
                list.ForEach(item => CollectRefs(item, found));
                break;
        }
    }

    /// <summary>The node as text with free keys and x- extensions left out and map keys sorted.</summary>
    private static string Canonical(object? node) => node switch
    {
        Dictionary<object, object> map => "{" + string.Join(",", map
            .Where(e => e.Key is string k && !FreeKeys.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal))
            .OrderBy(e => (string)e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}:{Canonical(e.Value)}")) + "}",
        List<object> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToString()!,
    };

    private static object? Get(object? node, params string[] keys)
    {
        foreach (var key in keys)
            node = node is Dictionary<object, object> map && map.TryGetValue(key, out var next) ? next : null;
        return node;
    }

    private static Dictionary<object, object> Parse(string path)
    {
        using var reader = File.OpenText(path);
        return (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(reader)!;
    }
}
