using System.Text;
using Pinterest.Sdk.Cli;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary>What a run of the tool ended with.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Errors)
{
    /// <summary>What the tool wrote to standard output as bytes (a Parquet export), when run in process.</summary>
    public byte[] BinaryOutput { get; init; } = [];
}

/// <summary>
/// Runs pinterest-insights in this process, in a <see cref="CliContext"/> of the test's own: the given
/// variables alone (never a developer's real token, app, stored login or history: XDG_CONFIG_HOME and
/// XDG_DATA_HOME are empty folders unless the test gives its own), standard streams in memory, and the test's browser.
/// <see cref="CliProcess"/> runs the same arguments as a process, for the few end-to-end tests.
/// </summary>
internal static class CliRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <param name="arguments">The command line.</param>
    /// <param name="environment">The variables; a null value leaves the variable unset.</param>
    public static Task<CliResult> RunAsync(string[] arguments, params (string Name, string? Value)[] environment) =>
        RunAsync(arguments, null, environment);

    /// <param name="arguments">The command line.</param>
    /// <param name="standardInput">What the tool reads from standard input.</param>
    /// <param name="environment">The variables; a null value leaves the variable unset.</param>
    public static Task<CliResult> RunAsync(string[] arguments, string? standardInput, params (string Name, string? Value)[] environment) =>
        StartAsync(arguments, environment, standardInput);

    /// <summary>Starts a run and returns its end, for a command that waits (login).</summary>
    /// <param name="arguments">The command line.</param>
    /// <param name="environment">The variables; a null value leaves the variable unset.</param>
    /// <param name="standardInput">What the tool reads from standard input.</param>
    /// <param name="browser">Opens a URL (login); default: there is no browser.</param>
    /// <param name="clock">The clock; default the system's.</param>
    /// <param name="handler">Sends the SDK's requests (an in-process stub); default the SDK's own pool.</param>
    public static async Task<CliResult> StartAsync(string[] arguments, (string Name, string? Value)[] environment, string? standardInput = null,
        Func<Uri, bool>? browser = null, TimeProvider? clock = null, HttpMessageHandler? handler = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "pinterest-insights-tests-empty-config"),
            // Never the developer's own audience history: a folder no test writes to unless it says so.
            ["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "pinterest-insights-tests-empty-data"),
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                variables.Remove(name);
            else
                variables[name] = value;
        }
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var binaryOutput = new MemoryStream();
        var context = new CliContext
        {
            Variable = name => variables.GetValueOrDefault(name),
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(errors),
            OpenStandardOutput = () => binaryOutput,
            OpenStandardInput = () => new MemoryStream(Encoding.UTF8.GetBytes(standardInput ?? "")),
            OpenBrowser = browser ?? (_ => false),
            Clock = clock ?? TimeProvider.System,
            HttpHandler = handler,
        };
        // Off the test's thread, as a process would be: the test may go on (follow the address) meanwhile.
        var exitCode = await Task.Run(() => CommandLine.RunAsync(arguments, context)).WaitAsync(Limit);
        return new CliResult(exitCode, output + Encoding.UTF8.GetString(binaryOutput.ToArray()), errors.ToString()) { BinaryOutput = binaryOutput.ToArray() };
    }
}
