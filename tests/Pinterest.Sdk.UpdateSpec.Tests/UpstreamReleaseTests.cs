using Pinterest.Sdk.UpdateSpec;

namespace Pinterest.Sdk.UpdateSpec.Tests;

public class UpstreamReleaseTests
{
    [Test]
    public void The_committed_fragment_is_the_tools_output_for_upstream_5_23_0_byte_for_byte()
    {
        var output = FragmentBuilder.Build(File.ReadAllText(Repository.Upstream), File.ReadAllText(Repository.Overlay));

        Assert.That(output, Is.EqualTo(File.ReadAllText(Repository.Fragment)),
            "run build/update-spec openapi/upstream/pinterest-api-v5.23.0-openapi.yaml and commit the result");
    }
}
