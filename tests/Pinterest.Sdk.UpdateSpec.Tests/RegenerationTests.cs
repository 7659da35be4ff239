namespace Pinterest.Sdk.UpdateSpec.Tests;

/// <summary>
/// Proof that the build-time generation works as documented, on a copy of the generation inputs:
/// a change to the fragment reaches the compiled client, and a build with nothing changed does not
/// run NSwag again.
/// </summary>
[Category("Build")]
public class RegenerationTests
{
    private const string GeneratingMessage = "Pinterest.Sdk: generating the client";

    private RepositoryCopy _copy = null!;

    [OneTimeSetUp]
    public void CopyGenerationInputs() => _copy = new RepositoryCopy();

    [OneTimeTearDown]
    public void DeleteCopy() => _copy.Dispose();

    [Test]
    public void A_no_op_build_skips_nswag_and_a_fragment_edited_after_a_build_reaches_the_compiled_client()
    {
        var generated = _copy.GeneratedClient;

        var initial = _copy.Build();
        var generatedAt = File.GetLastWriteTimeUtc(generated);
        Assert.That(initial, Does.Contain(GeneratingMessage), "a fresh copy generates the client");
        Assert.That(_copy.Members("AudienceInsightsResponse"), Does.Not.Contain("AudienceQuality"));

        var noOp = _copy.Build();
        Assert.That(noOp, Does.Not.Contain(GeneratingMessage), "nothing changed, so NSwag must not run");
        Assert.That(File.GetLastWriteTimeUtc(generated), Is.EqualTo(generatedAt));

        var fragment = _copy.Fragment;
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
        var afterEdit = _copy.Build();

        Assert.That(afterEdit, Does.Contain(GeneratingMessage), "the fragment is an input of generation");
        Assert.That(_copy.Members("AudienceInsightsResponse"), Does.Contain("AudienceQuality").And.Contain("PastTypes").And.Contain("UpdatedAt"));
        Assert.That(_copy.Members("AudienceInsightType"), Does.Contain("YourLookalikeAudience"));
        // An inline item schema is named by its title (the SDK's type-name rule), not by its property.
        Assert.That(_copy.Members("AudiencePin"), Does.Contain("PinId"));
        Assert.That(_copy.TypeNames(), Does.Not.Contain("TopPins"));
    }

    private static string Once(string text, string find, string replacement)
    {
        Assert.That(text.Split(find).Length - 1, Is.EqualTo(1), $"the fragment should contain exactly one '{find.Trim()}'");
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }
}
