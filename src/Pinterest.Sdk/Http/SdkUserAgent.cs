using System.Reflection;

namespace Pinterest.Sdk;

/// <summary>The <c>User-Agent</c> the SDK sends: <c>Pinterest.Sdk/&lt;version&gt; (.NET &lt;runtime version&gt;)</c>.</summary>
internal static class SdkUserAgent
{
    public static readonly string Value = $"Pinterest.Sdk/{SdkVersion} (.NET {Environment.Version})";

    /// <summary>The package version, without the source-control suffix the SDK appends ("+sha").</summary>
    internal static string SdkVersion
    {
        get
        {
            var version = typeof(SdkUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }
}
