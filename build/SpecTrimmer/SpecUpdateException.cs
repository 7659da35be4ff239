namespace Pinterest.Sdk.SpecTrimmer;

/// <summary>Upstream no longer has something this SDK relies on; the message says what moved.</summary>
public sealed class SpecUpdateException(string message) : Exception(message);
