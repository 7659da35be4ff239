using System.Text.RegularExpressions;

namespace Pinterest.Sdk;

// Argument validation, called by the generated operations with the constraints the spec declares
// (pattern, maxLength, enum), so bad input fails here and no request leaves the process. Patterns
// are compiled at build time by the regex source generator (Client.Class.liquid).
public partial class AudienceInsightsClient
{
    /// <summary>Validates a string argument against the spec's <c>pattern</c> and <c>maxLength</c>.</summary>
    /// <param name="parameterName">The argument's name.</param>
    /// <param name="value">The argument.</param>
    /// <param name="pattern">The spec's pattern, as shown in the message.</param>
    /// <param name="regex">That pattern, compiled with ECMA-262 semantics.</param>
    /// <param name="maxLength">The spec's maximum length.</param>
    private static void ValidateString(string parameterName, string value, string? pattern, Regex? regex, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (maxLength is { } max && value.Length > max)
            throw new ArgumentException($"The value is {value.Length} characters long; the API accepts at most {max}.", parameterName);
        if (regex is not null && !regex.IsMatch(value))
            throw new ArgumentException($"The value '{Printable(value)}' does not match the API's format {pattern}.", parameterName);
    }

    /// <summary>
    /// Rejects enum values that are not defined members (for example a cast integer) and returns the
    /// wire value of the others.
    /// </summary>
    /// <param name="parameterName">The argument's name.</param>
    /// <param name="value">The argument.</param>
    /// <param name="wireValue">Its wire value from <c>EnumWireValues.Of</c>; <see langword="null"/> when it is not a member.</param>
    private static string ValidateEnum<TEnum>(string parameterName, TEnum value, string? wireValue) where TEnum : struct, Enum =>
        wireValue ?? throw new ArgumentOutOfRangeException(parameterName, value, $"{value} is not a defined {typeof(TEnum).Name} value.");

    // Shows control characters visibly in messages instead of breaking the line.
    private static string Printable(string value) =>
        Regex.Replace(value.Length > 40 ? value[..40] + "…" : value, @"\p{C}", m => $"\\u{(int)m.Value[0]:X4}");
}
