using Microsoft.Extensions.Options;

namespace Pinterest.Sdk;

/// <summary>
/// Checks <see cref="PinterestClientOptions"/> at start-up with the same rules a client applies,
/// so a bad setting in configuration stops the application before the first call.
/// </summary>
internal sealed class PinterestClientOptionsValidator : IValidateOptions<PinterestClientOptions>
{
    public ValidateOptionsResult Validate(string? name, PinterestClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // ArgumentException appends "(Parameter 'options')", which says nothing in configuration terms.
            return ValidateOptionsResult.Fail(e is ArgumentException a ? ArgumentChecks.Reason(a) : e.Message);
        }
    }
}
