namespace Pinterest.Sdk;

/// <summary>What an <see cref="AudienceIndex"/> row describes.</summary>
public enum AudienceDimension
{
    /// <summary>An interest category.</summary>
    Category,

    /// <summary>An age range.</summary>
    Age,

    /// <summary>A gender.</summary>
    Gender,

    /// <summary>A device type.</summary>
    Device,

    /// <summary>A country.</summary>
    Country,

    /// <summary>A metro area.</summary>
    Metro,
}
