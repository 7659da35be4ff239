namespace Pinterest.Sdk.Cli;

/// <summary>An argument error as a person at the terminal reads it.</summary>
internal static class ArgumentMessages
{
    /// <summary>
    /// The message of <paramref name="e"/> without the <c> (Parameter 'x')</c> .NET appends: <c>x</c> names
    /// a C# parameter of the SDK or the tool, never anything the user typed or set.
    /// </summary>
    public static string Of(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
