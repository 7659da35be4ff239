namespace Pinterest.Sdk.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Pinterest (or the network) failed the call.</summary>
    public const int ApiFailure = 1;

    /// <summary>The arguments were wrong; nothing was sent.</summary>
    public const int BadArguments = 2;
}
