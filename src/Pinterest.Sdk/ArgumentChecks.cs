using System.Text.RegularExpressions;

namespace Pinterest.Sdk;

/// <summary>
/// The messages of the argument checks generated from the spec's constraints
/// (<c>Client.Class.liquid</c>: a <c>Check&lt;Operation&gt;Arguments</c> method below each operation),
/// and <see cref="Reason"/>, for showing such a message in other terms.
/// </summary>
internal static partial class ArgumentChecks
{
    public static ArgumentException TooLong(string parameterName, string value, int maxLength) =>
        new($"The value is {value.Length} characters long; the API accepts at most {maxLength}.", parameterName);

    public static ArgumentException NoMatch(string parameterName, string value, string pattern) =>
        new($"The value '{Printable(value)}' does not match the API's format {pattern}.", parameterName);

    public static ArgumentOutOfRangeException NotDefined<TEnum>(string parameterName, TEnum value)
        where TEnum : struct, Enum =>
        new(parameterName, value, $"{value} is not a defined {typeof(TEnum).Name} value.");

    public static ArgumentOutOfRangeException OutOfRange<T>(string parameterName, T value, string allowed) =>
        new(parameterName, value, $"The value {value} is out of the API's range: it must be {allowed}.");

    /// <summary>
    /// The message of <paramref name="e"/> as a person should read it: without the
    /// <c> (Parameter 'x')</c> .NET appends, which names a C# parameter, not anything the reader set.
    /// Used wherever an SDK check's message is shown in other terms (a list position, a configuration
    /// section, an environment variable).
    /// </summary>
    public static string Reason(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    // Shows control characters visibly in messages instead of breaking the line.
    private static string Printable(string value) =>
        ControlCharacter().Replace(value.Length > 40 ? value[..40] + "…" : value, static m => $"\\u{(int)m.Value[0]:X4}");

    [GeneratedRegex(@"\p{C}")]
    private static partial Regex ControlCharacter();
}
