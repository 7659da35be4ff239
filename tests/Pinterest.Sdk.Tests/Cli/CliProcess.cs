using System.Diagnostics;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary>Runs the built pinterest-insights tool as a separate process, as a user would: for the few end-to-end tests (<see cref="CliRun"/> runs the rest in process).</summary>
internal static class CliProcess
{
    /// <summary>The tool, built beside this test assembly's configuration (the test project references it).</summary>
    private static string ToolPath
    {
        get
        {
            // This assembly runs from tests/Pinterest.Sdk.Tests/bin/<configuration>/net10.0/.
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
            return Path.Combine(RepositoryFiles.Root, "src", "Pinterest.Sdk.Cli", "bin", configuration, "net10.0", "pinterest-insights.dll");
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static CliResult Run(string[] arguments, params (string Name, string? Value)[] environment) => Run(arguments, null, environment);

    /// <param name="standardInput">What the tool reads from standard input.</param>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static CliResult Run(string[] arguments, string? standardInput, params (string Name, string? Value)[] environment) =>
        Run(StartInfo(arguments, environment), arguments, standardInput);

    /// <summary>Runs the tool in <paramref name="workingDirectory"/>, for what it writes to the current folder.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static CliResult RunIn(string workingDirectory, string[] arguments, params (string Name, string? Value)[] environment)
    {
        var start = StartInfo(arguments, environment);
        start.WorkingDirectory = workingDirectory;
        return Run(start, arguments, null);
    }

    private static CliResult Run(ProcessStartInfo start, string[] arguments, string? standardInput)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Write(standardInput ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"pinterest-insights {string.Join(' ', arguments)} did not finish within 2 minutes");
        }
        return new CliResult(process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>
    /// Runs the tool where no file may grow (<c>ulimit -f 0</c>): the first write to a file stops the
    /// process (SIGXFSZ), as a crash or a full disk would mid-write.
    /// </summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static CliResult RunUnableToWriteFiles(string[] arguments, params (string Name, string? Value)[] environment)
    {
        var tool = StartInfo(arguments, environment);
        var start = new ProcessStartInfo("bash", ["-c", "ulimit -f 0 && exec \"$0\" \"$@\"", tool.FileName, .. tool.ArgumentList])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in tool.Environment)
            start.Environment[name] = value;
        // The runtime's write-xor-execute mapping grows a memory file, which the limit would refuse at start-up.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        return Run(start, arguments, standardInput: null);
    }

    /// <summary>Starts the tool and returns while it runs, for a command that waits (login).</summary>
    public static Process Start(string[] arguments, params (string Name, string? Value)[] environment)
    {
        var process = Process.Start(StartInfo(arguments, environment))!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>
    /// The tool with the test's environment: never a developer's real token, app, stored login or
    /// history (the tests would call Pinterest, or overwrite it), so XDG_CONFIG_HOME and XDG_DATA_HOME
    /// are empty folders of their own unless the test gives one.
    /// </summary>
    private static ProcessStartInfo StartInfo(string[] arguments, (string Name, string? Value)[] environment)
    {
        Assert.That(ToolPath, Does.Exist, "the tool is built with the tests");
        var start = new ProcessStartInfo("dotnet", [ToolPath, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var name in new[] { "PINTEREST_ACCESS_TOKEN", "PINTEREST_API_BASE_URL", "PINTEREST_APP_ID", "PINTEREST_APP_SECRET", "PINTEREST_OAUTH_URL" })
            start.Environment.Remove(name);
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "pinterest-insights-tests-empty-config");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "pinterest-insights-tests-empty-data");
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return start;
    }
}
