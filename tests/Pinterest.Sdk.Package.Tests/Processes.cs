using System.Diagnostics;

namespace Pinterest.Sdk.Package.Tests;

/// <summary>Runs a command of the repository (build/pack, dotnet, the tool) and fails the test when it fails or hangs.</summary>
internal static class Processes
{
    public static string Run(string file, string[] arguments, string workingDirectory, params (string Name, string Value)[] environment) =>
        RunWithErrors(file, arguments, workingDirectory, environment).Output;

    public static (string Output, string Errors) RunWithErrors(string file, string[] arguments, string workingDirectory, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(10)), Is.True, $"{file} must finish");
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', arguments)} failed:\n{output.Result}\n{errors.Result}");
        return (output.Result, errors.Result);
    }
}
