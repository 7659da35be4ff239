using System.Diagnostics;

namespace Pinterest.Sdk.Tests.History;

/// <summary>
/// A real file system that fills up: a tmpfs of a few kilobytes mounted on a temporary folder (Linux,
/// as root, which CI is). Writes past its size fail with "No space left on device", as a full disk does.
/// </summary>
internal sealed class TinyDisk : IDisposable
{
    private TinyDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts one, or says (Assume) why this machine cannot.</summary>
    public static TinyDisk Mount(int kilobytes)
    {
        Assume.That(OperatingSystem.IsLinux() && Environment.UserName == "root", "mounting a tmpfs needs Linux and root");
        var folder = Directory.CreateTempSubdirectory("pinterest-tiny-disk-").FullName;
        var (code, errors) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            Assume.That(code, Is.Zero, $"mount failed: {errors}");
        }
        return new TinyDisk(folder);
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Errors) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }
}
