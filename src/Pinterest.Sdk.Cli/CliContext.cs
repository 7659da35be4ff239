using System.Diagnostics;
using Pinterest.Sdk.Cli.Login;
using Spectre.Console;

namespace Pinterest.Sdk.Cli;

/// <summary>
/// Everything a command reads from or writes to the world outside it: environment variables, the
/// standard streams, the clock, the folder the login is kept in, the HTTP handler and the browser.
/// <see cref="FromProcess"/> gives the process's own; tests give theirs, and run commands in process.
/// </summary>
internal sealed class CliContext
{
    private string? _configFolder;
    private string? _historyStore;
    private HttpClient? _httpClient;
    private LoginStore? _loginStore;

    /// <summary>An environment variable's value, or <see langword="null"/> when it is not set.</summary>
    public required Func<string, string?> Variable { get; init; }

    /// <summary>Standard output, for text (results, the authorization address).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: messages, progress and the summary.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard output as bytes, for an export without <c>--output</c>; the command disposes it.</summary>
    public required Func<Stream> OpenStandardOutput { get; init; }

    /// <summary>Standard input as bytes, for <c>--accounts-file -</c>; the command disposes it.</summary>
    public required Func<Stream> OpenStandardInput { get; init; }

    /// <summary>Whether <see cref="Error"/> is a terminal (a live progress bar) rather than a file or pipe (log lines).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The clock: expiry of the stored login, the login's wait, the export's rates, the SDK's pacing.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Sends the SDK's requests (to the API and the token endpoint); <see langword="null"/> for the SDK's own pool.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Opens a URL in the user's browser; false when it could not (the address is printed instead).</summary>
    public Func<Uri, bool> OpenBrowser { get; init; } = SystemBrowser.TryOpen;

    /// <summary>
    /// The tool's configuration folder: <c>$XDG_CONFIG_HOME/pinterest-insights</c> (when absolute), else
    /// <c>~/.config/pinterest-insights</c>; <c>%APPDATA%\pinterest-insights</c> on Windows.
    /// </summary>
    public string ConfigFolder
    {
        get => _configFolder ??= DefaultConfigFolder(Variable);
        init => _configFolder = value;
    }

    /// <summary>
    /// Where <c>snapshot</c> keeps audience history unless <c>--store</c> says otherwise:
    /// <c>$XDG_DATA_HOME/pinterest-insights/history</c> (when absolute), else <c>~/.local/share/pinterest-insights/history</c>;
    /// <c>%LOCALAPPDATA%\pinterest-insights\history</c> on Windows.
    /// </summary>
    public string DefaultHistoryStore
    {
        get => _historyStore ??= DefaultDataFolder(Variable);
        init => _historyStore = value;
    }

    /// <summary>The stored login, in <see cref="ConfigFolder"/>.</summary>
    public LoginStore LoginStore => _loginStore ??= new LoginStore(ConfigFolder);

    /// <summary>One client over <see cref="HttpHandler"/> for the whole command, or <see langword="null"/> for the SDK's pool.</summary>
    public HttpClient? HttpClient => HttpHandler is null ? null : _httpClient ??= new HttpClient(HttpHandler, disposeHandler: false);

    /// <summary><c>PINTEREST_API_BASE_URL</c>, or Pinterest's production API (the SDK joins paths to either, with or without a final slash).</summary>
    /// <exception cref="ArgumentException">The variable is set but is not an absolute URL.</exception>
    public Uri ApiBaseUrl() => UrlVariable("PINTEREST_API_BASE_URL") ?? PinterestClientOptions.DefaultBaseUrl;

    /// <summary>The variable as an absolute URL, or null when it is not set.</summary>
    /// <exception cref="ArgumentException">It is set but is not an absolute URL.</exception>
    public Uri? UrlVariable(string name) => Variable(name) is { Length: > 0 } value
        ? Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) ? url : throw new ArgumentException($"{name} '{value}' is not an absolute URL.")
        : null;

    /// <summary>Whether the variable is set to something other than whitespace.</summary>
    public bool IsSet(string name) => !string.IsNullOrWhiteSpace(Variable(name));

    /// <summary>Tables and charts, written to <see cref="Out"/>.</summary>
    public IAnsiConsole CreateConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });

    /// <summary>The process's variables, streams, clock and browser.</summary>
    public static CliContext FromProcess() => new()
    {
        Variable = Environment.GetEnvironmentVariable,
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardOutput = Console.OpenStandardOutput,
        OpenStandardInput = Console.OpenStandardInput,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };

    private static string DefaultConfigFolder(Func<string, string?> variable) =>
        UserFolder(variable, "XDG_CONFIG_HOME", Environment.SpecialFolder.ApplicationData, ".config");

    private static string DefaultDataFolder(Func<string, string?> variable) =>
        Path.Combine(UserFolder(variable, "XDG_DATA_HOME", Environment.SpecialFolder.LocalApplicationData, Path.Combine(".local", "share")), "history");

    /// <summary>
    /// The tool's folder of one kind (XDG Base Directory): <c>$VARIABLE/pinterest-insights</c> when the variable
    /// is an absolute path, else <c>~/HOMERELATIVE/pinterest-insights</c>; the given special folder on Windows.
    /// </summary>
    private static string UserFolder(Func<string, string?> variable, string xdgVariable, Environment.SpecialFolder windows, string homeRelative)
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(windows), "pinterest-insights");
        var folder = variable(xdgVariable);
        return Path.Combine(folder is { Length: > 0 } && Path.IsPathRooted(folder)
            ? folder
            : Path.Combine(variable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), homeRelative), "pinterest-insights");
    }

    /// <summary>The browser the desktop opens URLs with.</summary>
    private static class SystemBrowser
    {
        public static bool TryOpen(Uri url)
        {
            try
            {
                using var browser = OperatingSystem.IsWindows()
                    ? Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true })
                    : Process.Start(new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url.AbsoluteUri)
                        { RedirectStandardOutput = true, RedirectStandardError = true });
                return browser is not null;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
