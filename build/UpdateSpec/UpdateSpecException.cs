namespace Pinterest.Sdk.UpdateSpec;

/// <summary>Upstream no longer has something this SDK relies on; the message says what moved.</summary>
public sealed class UpdateSpecException(string message) : Exception(message);
