using System.Reflection;
using System.Runtime.CompilerServices;
using Pinterest.Sdk.History;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary>
/// The tool is built on the packages' public API alone: what it needs, users need too, so no package
/// opens its internals to it (the build then proves the public API is enough).
/// </summary>
public class PublicApiOnlyTests
{
    [Test]
    public void No_package_opens_its_internals_to_the_tool()
    {
        var tool = typeof(Pinterest.Sdk.Cli.CommandLine).Assembly.GetName().Name;
        Assembly[] packages = [typeof(AudienceInsightsClient).Assembly, typeof(AudienceHistoryStore).Assembly];

        var opened = packages
            .SelectMany(p => p.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => (Package: p.GetName().Name, a.AssemblyName)))
            .Where(a => a.AssemblyName == tool)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tool, Is.EqualTo("pinterest-insights"));
            Assert.That(opened, Is.Empty);
        });
    }
}
