using System.Collections.Concurrent;
using System.Runtime.Serialization;
using System.Text.RegularExpressions;

namespace Pinterest.Sdk;

// Argument validation, called by the generated operations with the constraints the spec declares
// (pattern, maxLength, enum), so bad input fails here and no request leaves the process.
public partial class AudienceInsightsClient
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // One compiled-once Regex per spec pattern: a call validates without parsing or allocating.
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Validates a string argument against the spec's <c>pattern</c> and <c>maxLength</c>.</summary>
    private static void ValidateString(string parameterName, string value, string? pattern, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (maxLength is { } max && value.Length > max)
            throw new ArgumentException($"The value is {value.Length} characters long; the API accepts at most {max}.", parameterName);
        if (pattern is not null && !Pattern(pattern).IsMatch(value))
            throw new ArgumentException($"The value '{Printable(value)}' does not match the API's format {pattern}.", parameterName);
    }

    /// <summary>Rejects enum values that are not defined members (for example a cast integer).</summary>
    private static void ValidateEnum<TEnum>(string parameterName, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(parameterName, value, $"{value} is not a defined {typeof(TEnum).Name} value.");
    }

    /// <summary>The wire value of an enum member, from its <see cref="EnumMemberAttribute"/>.</summary>
    private static string FormatEnum<TEnum>(TEnum value) where TEnum : struct, Enum => EnumWireValues<TEnum>.Get(value);

    private static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, static p => new Regex(ToDotNetPattern(p), RegexOptions.ECMAScript | RegexOptions.CultureInvariant, PatternTimeout));

    // JSON Schema patterns are ECMA-262 regular expressions. RegexOptions.ECMAScript gives \d its
    // ECMA meaning ([0-9] only, so full-width or Arabic-Indic digits do not pass); .NET's '$' also
    // matches before a final "\n", ECMA's does not, so a trailing '$' becomes '\z'.
    private static string ToDotNetPattern(string pattern) =>
        pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? pattern[..^1] + @"\z" : pattern;

    // Shows control characters visibly in messages instead of breaking the line.
    private static string Printable(string value) =>
        Regex.Replace(value.Length > 40 ? value[..40] + "…" : value, @"\p{C}", m => $"\\u{(int)m.Value[0]:X4}");

    private static class EnumWireValues<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Values = Enum.GetValues<TEnum>().ToDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttributes(typeof(EnumMemberAttribute), false)
                     .OfType<EnumMemberAttribute>().FirstOrDefault()?.Value ?? v.ToString());

        public static string Get(TEnum value) => Values[value];
    }
}
