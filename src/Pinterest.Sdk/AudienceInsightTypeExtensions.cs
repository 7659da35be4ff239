namespace Pinterest.Sdk;

/// <summary>
/// An <see cref="AudienceInsightType"/>'s value on the wire (<c>YOUR_TOTAL_AUDIENCE</c>): what Pinterest
/// sends and takes, and what exports and the audience history store write, so data read elsewhere
/// (a warehouse, a spreadsheet) carries Pinterest's own names.
/// </summary>
public static class AudienceInsightTypeExtensions
{
    /// <summary>The wire value of <paramref name="type"/>, for example <c>YOUR_TOTAL_AUDIENCE</c>.</summary>
    /// <param name="type">A defined member.</param>
    /// <returns>The value Pinterest uses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined member.</exception>
    public static string ToWireValue(this AudienceInsightType type) =>
        EnumWireValues.Of(type) ?? throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined AudienceInsightType.");

    /// <summary>The member whose wire value is <paramref name="wireValue"/>.</summary>
    /// <param name="wireValue">A wire value, for example <c>YOUR_ENGAGED_AUDIENCE</c>.</param>
    /// <param name="type">The member, when this method returns <see langword="true"/>.</param>
    /// <returns>Whether this SDK knows the value.</returns>
    public static bool TryParseWireValue(string? wireValue, out AudienceInsightType type)
    {
        var parsed = EnumWireValues.ParseAudienceInsightType(wireValue);
        type = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }
}
