using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli;

/// <summary>
/// <c>pinterest-insights login</c> and <c>logout</c>, run in process (the first test as a process,
/// end to end) against the stub playing Pinterest's part; the test's browser follows the address
/// with an <see cref="HttpClient"/>, as the user's browser would. The stored login's file modes are Unix ones (Windows keeps it in the user's
/// own profile instead), so these run off Windows.
/// </summary>
[NonParallelizable]
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CliLoginTests
{
    private PinterestStubServer _stub = null!;
    private string _config = null!;
    private HttpClient _browser = null!;

    private string LoginFile => Path.Combine(_config, "pinterest-insights", "login.json");

    [SetUp]
    public async Task Start()
    {
        _stub = PinterestStubServer.Start();
        _config = Directory.CreateTempSubdirectory("pinterest-insights-config-").FullName;
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [TearDown]
    public void Stop()
    {
        _browser.Dispose();
        _stub.Dispose();
        Directory.Delete(_config, recursive: true);
    }

    private (string Name, string? Value)[] Environment(string secret = "sample-app-secret") =>
    [
        ("PINTEREST_APP_ID", "sample-app-id"),
        ("PINTEREST_APP_SECRET", secret),
        ("PINTEREST_OAUTH_URL", _stub.AuthorizationUrl.AbsoluteUri),
        ("PINTEREST_API_BASE_URL", _stub.BaseUrl.AbsoluteUri),
        ("XDG_CONFIG_HOME", _config),
    ];

    private Task<CliResult> RunAsync(params string[] arguments) => CliRun.RunAsync(arguments, Environment());

    /// <summary>Starts <c>login</c> in process and takes the address it opens in the (test's) browser.</summary>
    private static async Task<(Task<CliResult> Login, Uri Address, int Port)> StartLoginAsync((string, string?)[] environment, params string[] extra)
    {
        var port = FreePort.Next();
        var opened = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var login = CliRun.StartAsync(["login", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra], environment,
            browser: url => opened.TrySetResult(url));
        if (await Task.WhenAny(opened.Task, login).WaitAsync(TimeSpan.FromSeconds(60)) != opened.Task)
            Assert.Fail("login ended without opening the address: " + (await login).Errors);
        return (login, await opened.Task, port);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> EndAsync(Task<CliResult> login)
    {
        var result = await login.WaitAsync(TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.Output, result.Errors);
    }

    /// <summary>Starts <c>login --no-browser</c> as a process and reads the address it prints.</summary>
    private static async Task<(Process Login, Uri Address, int Port)> StartLoginProcessAsync((string, string?)[] environment)
    {
        var port = FreePort.Next();
        var login = CliProcess.Start(["login", "--no-browser", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment);
        var line = await login.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null)
            Assert.Fail("login ended without printing the address: " + await login.StandardError.ReadToEndAsync());
        return (login, new Uri(line!), port);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> EndProcessAsync(Process login)
    {
        using (login)
        {
            var output = login.StandardOutput.ReadToEndAsync();
            var errors = login.StandardError.ReadToEndAsync();
            await login.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return (login.ExitCode, await output, await errors);
        }
    }

    /// <summary>The browser: opens Pinterest's page and follows its redirect back to the tool.</summary>
    private async Task<string> FollowAsync(Uri address)
    {
        using var page = await _browser.GetAsync(address);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await page.Content.ReadAsStringAsync());
        using var back = await _browser.GetAsync(page.Headers.Location!);
        return await back.Content.ReadAsStringAsync();
    }

    private StoredTokens Stored()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(LoginFile));
        var root = document.RootElement;
        return new StoredTokens(root.GetProperty("access_token").GetString()!, root.GetProperty("refresh_token").GetString()!);
    }

    private sealed record StoredTokens(string AccessToken, string RefreshToken);

    [Test]
    public async Task Login_stores_the_tokens_for_the_user_alone_commands_use_and_renew_them_and_logout_deletes_them()
    {
        var (login, address, port) = await StartLoginProcessAsync(Environment());
        using (var favicon = await _browser.GetAsync(new Uri($"http://localhost:{port}/favicon.ico")))
            Assert.That(favicon.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a browser's other requests are not the redirect");
        var page = await FollowAsync(address);
        var (exitCode, output, errors) = await EndProcessAsync(login);

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(page, Does.Contain("You can close this tab"));
        var first = Stored();
        Assert.Multiple(() =>
        {
            Assert.That(output, Is.Empty, "standard output holds the address (read above) alone");
            Assert.That(output + errors, Does.Not.Contain(first.AccessToken).And.Not.Contain(first.RefreshToken).And.Not.Contain("sample-app-secret"));
            Assert.That(errors, Does.Contain(LoginFile));
            Assert.That(File.GetUnixFileMode(LoginFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(LoginFile)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(LoginFile)!), Is.EqualTo(new[] { LoginFile }), "no temporary file is left");
        });

        var insights = CliProcess.Run(["insights", _stub.AdAccountIds[0], "--json"], Environment());
        Assert.That(insights.ExitCode, Is.Zero, insights.Errors);
        Assert.That(insights.Errors, Does.Not.Contain("SAMPLE DATA"));
        Assert.That(Stored(), Is.EqualTo(first), "a token still good is not renewed");

        _stub.SimulateAccessTokensRevoked();
        var renewed = CliProcess.Run(["insights", _stub.AdAccountIds[0], "--json"], Environment());
        Assert.That(renewed.ExitCode, Is.Zero, renewed.Errors);
        var second = Stored();
        Assert.That(second.RefreshToken, Is.Not.EqualTo(first.RefreshToken), "the rotated refresh token is stored");
        Assert.That(second.AccessToken, Is.Not.EqualTo(first.AccessToken));
        Assert.That(File.GetUnixFileMode(LoginFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(renewed.Output + renewed.Errors, Does.Not.Contain(second.AccessToken).And.Not.Contain(second.RefreshToken));

        var logout = CliProcess.Run(["logout"], Environment());
        Assert.That(logout.ExitCode, Is.Zero, logout.Errors);
        Assert.That(LoginFile, Does.Not.Exist);
        Assert.That(CliProcess.Run(["insights", _stub.AdAccountIds[0]], Environment()).Errors, Does.Contain("SAMPLE DATA"), "without a login, the sample data again");
    }

    [Test]
    public async Task A_stored_access_token_about_to_expire_is_renewed_before_the_call()
    {
        await LogInAsync();
        var before = Stored();

        var result = await CliRun.StartAsync(["insights", _stub.AdAccountIds[0]], Environment(), clock: ClockAt(StoredExpiry().AddMinutes(-2)));

        Assert.That(result.ExitCode, Is.Zero, result.Errors);
        Assert.That(Stored().RefreshToken, Is.Not.EqualTo(before.RefreshToken), "renewed (and stored) before the call, not after a 401");
    }

    /// <summary>
    /// The renewed tokens are stored as a new file moved over the old one: a run stopped while writing
    /// it (here by a file size limit, as by a crash or a full disk) leaves the previous login whole.
    /// </summary>
    [Test]
    public async Task A_run_stopped_while_storing_renewed_tokens_leaves_the_previous_login_whole()
    {
        await LogInAsync();
        var login = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(LoginFile))!;
        login["access_token_expires_at"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(LoginFile, login.ToJsonString());
        var previous = File.ReadAllBytes(LoginFile);

        var stopped = CliProcess.RunUnableToWriteFiles(["insights", _stub.AdAccountIds[0], "--json"], Environment());

        Assert.That(stopped.ExitCode, Is.Not.Zero, "the limit stopped the run while it stored the renewed tokens");
        Assert.That(File.ReadAllBytes(LoginFile), Is.EqualTo(previous), "the previous login, whole");
        var again = await RunAsync("insights", _stub.AdAccountIds[0], "--json");
        Assert.That(again.Errors, Does.Not.Contain("damaged"));
    }

    [Test]
    public async Task An_expired_stored_login_without_the_apps_secret_says_what_to_set_with_exit_code_2()
    {
        await LogInAsync();

        var result = await CliRun.StartAsync(["insights", _stub.AdAccountIds[0]], [.. Environment(), ("PINTEREST_APP_SECRET", null)],
            clock: ClockAt(StoredExpiry().AddMinutes(1)));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("expired").And.Contain("PINTEREST_APP_SECRET").And.Contain("pinterest-insights login"));
    }

    /// <summary>A clock standing at <paramref name="now"/>, as if time had passed since the login.</summary>
    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider ClockAt(DateTimeOffset now) => new(now);

    private DateTimeOffset StoredExpiry()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(LoginFile));
        return document.RootElement.GetProperty("access_token_expires_at").GetDateTimeOffset();
    }

    private async Task LogInAsync()
    {
        var (login, address, _) = await StartLoginAsync(Environment());
        await FollowAsync(address);
        var (exitCode, _, errors) = await EndAsync(login);
        Assert.That(exitCode, Is.Zero, errors);
    }

    [Test]
    public async Task Idle_and_stalled_connections_do_not_hold_up_the_redirect()
    {
        var (login, address, port) = await StartLoginAsync(Environment());
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, port);    // a browser's spare connection: never sends
        using var stalled = new TcpClient();
        await stalled.ConnectAsync(IPAddress.Loopback, port);
        await stalled.GetStream().WriteAsync("GET /?code=x"u8.ToArray());   // half a request line, then nothing

        var clock = Stopwatch.StartNew();
        await FollowAsync(address);
        var (exitCode, _, errors) = await EndAsync(login);

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "served beside them, not after their 10-second limit");
    }

    [Test]
    public async Task A_stored_token_that_cannot_be_sent_is_a_damaged_login_with_exit_code_2()
    {
        await LogInAsync();
        File.WriteAllText(LoginFile, File.ReadAllText(LoginFile).Replace("\"access_token\": \"", "\"access_token\": \"line\\r\\nbreak", StringComparison.Ordinal));

        var result = await RunAsync("insights", _stub.AdAccountIds[0]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("damaged").And.Not.Contain("PINTEREST_ACCESS_TOKEN"));
    }

    [Test]
    public async Task A_refused_renewal_says_to_log_in_again_with_exit_code_1()
    {
        await LogInAsync();
        _stub.SimulateAccessTokensRevoked();
        _stub.SimulateRefreshTokensRevoked();

        var result = await RunAsync("insights", _stub.AdAccountIds[0]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Errors, Does.Contain("run 'pinterest-insights login' again").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_redirect_with_another_state_is_refused_and_nothing_is_stored()
    {
        var (login, _, port) = await StartLoginAsync(Environment());

        using var forged = await _browser.GetAsync(new Uri($"http://localhost:{port}/?code=stolen-code&state=forged"));
        var (exitCode, _, errors) = await EndAsync(login);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("did not carry this login's state"));
        Assert.That(LoginFile, Does.Not.Exist);
        Assert.That(_stub.TokenRequestCount, Is.Zero, "its code is never sent");
    }

    [Test]
    public async Task A_declined_authorization_is_a_message_and_exit_code_1()
    {
        _stub.SimulateAuthorizationDenied();
        var (login, address, _) = await StartLoginAsync(Environment());

        var page = await FollowAsync(address);
        var (exitCode, _, errors) = await EndAsync(login);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(page, Does.Contain("could not log in"));
        Assert.That(errors, Does.Contain("declined"));
        Assert.That(LoginFile, Does.Not.Exist);
    }

    [Test]
    public async Task A_code_pinterest_refuses_is_a_message_and_exit_code_1()
    {
        var (login, address, port) = await StartLoginAsync(Environment());
        var state = System.Web.HttpUtility.ParseQueryString(address.Query)["state"];

        using var redirect = await _browser.GetAsync(new Uri($"http://localhost:{port}/?code=made-up&state={state}"));
        var (exitCode, output, errors) = await EndAsync(login);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("HTTP 400").And.Contain("Nothing was stored").And.Not.Contain("sample-app-secret"));
        Assert.That(output + errors, Does.Not.Contain("made-up"));
        Assert.That(LoginFile, Does.Not.Exist);
    }

    [Test]
    public async Task Without_an_answer_it_gives_up_with_exit_code_1()
    {
        var (login, _, _) = await StartLoginAsync(Environment(), "--timeout", "1");

        var (exitCode, _, errors) = await EndAsync(login);

        Assert.That(exitCode, Is.EqualTo(1), errors);
        Assert.That(errors, Does.Contain("No answer from Pinterest within 1 second"));
    }

    [TestCase("PINTEREST_APP_ID")]
    [TestCase("PINTEREST_APP_SECRET")]
    public async Task Login_without_the_apps_id_or_secret_says_which_with_exit_code_2(string missing)
    {
        var result = await CliRun.RunAsync(["login"], [.. Environment().Where(v => v.Name != missing), (missing, null)]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain(missing + " is not set"));
    }

    [Test]
    public async Task A_port_in_use_is_a_message_naming_the_option_with_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliRun.RunAsync(["login", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("--port").And.Contain($"http://localhost:{port}/"));
    }

    /// <summary>
    /// A browser may resolve localhost to ::1: if another program holds [::1]:PORT, the code and state
    /// would go to it, so login refuses to start rather than listen on 127.0.0.1 alone.
    /// </summary>
    [Test]
    public async Task A_port_another_program_holds_on_ipv6_loopback_is_refused_too()
    {
        using var taken = new TcpListener(IPAddress.IPv6Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliRun.RunAsync(["login", "--timeout", "5", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Errors);
        Assert.That(result.Errors, Does.Contain("--port"));
        Assert.That(result.Output, Is.Empty, "no authorization address is handed out");
    }

    /// <summary>
    /// The redirect carries the code: only this machine may reach the listener. Were it bound to every
    /// address (0.0.0.0 or [::]), no other socket could take the port on another loopback address.
    /// </summary>
    [Test]
    public async Task Login_listens_on_the_loopback_addresses_alone()
    {
        var (login, address, port) = await StartLoginAsync(Environment());
        try
        {
            using var beside = new TcpListener(IPAddress.Parse("127.0.0.2"), port);
            Assert.DoesNotThrow(beside.Start, "the port is free on 127.0.0.2: login did not bind every address");
            beside.Stop();
        }
        finally
        {
            await FollowAsync(address);
            await EndAsync(login);
        }
    }

    /// <summary>A login file that cannot be deleted (an immutable or read-only folder) is a message and exit code 1, never a stack trace.</summary>
    [Test]
    public async Task Logout_that_cannot_delete_the_file_says_so_with_exit_code_1()
    {
        await LogInAsync();
        var folder = Path.GetDirectoryName(LoginFile)!;
        var asRoot = System.Environment.UserName == "root";
        // Root ignores file modes: an immutable folder (chattr +i) stands in for a read-only one.
        if (asRoot && !Chattr("+i", folder))
            Assert.Ignore("chattr +i is not available on this file system");
        if (!asRoot)
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var result = await RunAsync("logout");

            Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
            Assert.That(result.Errors, Does.Contain("Could not delete").And.Contain(LoginFile).And.Contain("still stored"));
            Assert.That(result.Errors, Does.Not.Contain("   at ").And.Not.Contain("Unhandled"));
            Assert.That(LoginFile, Does.Exist);
        }
        finally
        {
            if (asRoot)
                Chattr("-i", folder);
            else
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
            chattr.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Test]
    public async Task A_damaged_stored_login_is_a_message_with_exit_code_2()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LoginFile)!);
        File.WriteAllText(LoginFile, "{ not json");
        File.SetUnixFileMode(LoginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await RunAsync("insights", _stub.AdAccountIds[0]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("damaged").And.Contain("pinterest-insights login"));
    }

    [Test]
    public async Task A_stored_login_others_may_read_is_refused_with_exit_code_2()
    {
        await LogInAsync();
        File.SetUnixFileMode(LoginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await RunAsync("insights", _stub.AdAccountIds[0]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Errors, Does.Contain("other users may read it").And.Contain("chmod 600"));
        Assert.That(result.Errors, Does.Not.Contain(Stored().AccessToken));
    }

    [Test]
    public async Task An_access_token_in_the_environment_wins_over_the_stored_login()
    {
        await LogInAsync();

        var result = await CliRun.RunAsync(["insights", _stub.AdAccountIds[0]], [.. Environment(), ("PINTEREST_ACCESS_TOKEN", "pina_not-accepted")]);

        Assert.That(result.ExitCode, Is.EqualTo(1), "the stub refuses that token: it was the one used");
        Assert.That(result.Errors, Does.Contain("PINTEREST_ACCESS_TOKEN"));
    }

    [Test]
    public async Task Logout_without_a_login_says_so()
    {
        var result = await RunAsync("logout");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Errors, Does.Contain("Not logged in"));
    }

    [Test]
    public async Task Help_says_where_the_login_lives_and_which_token_wins()
    {
        var help = (await RunAsync("--help")).Output;

        Assert.That(help, Does.Contain("login").And.Contain("logout").And.Contain(LoginFile));
        Assert.That(help, Does.Contain("PINTEREST_ACCESS_TOKEN when it is set; else the login"));
        Assert.That(help, Does.Contain("PINTEREST_APP_SECRET").And.Contain("PINTEREST_OAUTH_URL"));
    }
}
