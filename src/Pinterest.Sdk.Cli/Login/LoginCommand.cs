using System.Net.Sockets;

namespace Pinterest.Sdk.Cli.Login;

/// <summary>
/// <c>pinterest-insights login</c>: the authorization-code flow for a terminal. It listens on
/// <c>http://localhost:PORT/</c>, sends the user's browser to Pinterest's authorization page (or
/// prints its URL), takes the one redirect whose <c>state</c> is this login's, exchanges the code
/// (<see cref="PinterestAuthorizationCodeFlow"/>) and stores the tokens (<see cref="LoginStore"/>).
/// Nothing it prints holds a token or the app secret.
/// </summary>
internal static class LoginCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>--timeout</c>: a day.</summary>
    public const int LongestTimeoutSeconds = 86_400;

    /// <param name="context">The variables, streams, clock, browser and login store.</param>
    /// <param name="port">The port of the redirect URI <c>http://localhost:PORT/</c>, registered in the app.</param>
    /// <param name="openBrowser">Whether to open the browser; otherwise the URL is printed on a line of its own.</param>
    /// <param name="timeout">How long to wait for the redirect.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<int> RunAsync(CliContext context, int port, bool openBrowser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var app = AppCredentials.From(context) ?? throw new ArgumentException(AppCredentials.MissingMessage(context, "log in"));
        var apiBaseUrl = context.ApiBaseUrl();
        var authorizationUrl = context.UrlVariable("PINTEREST_OAUTH_URL") ?? PinterestAuthorizationCodeOptions.DefaultAuthorizationUrl;

        LoopbackRedirectListener listener;
        try
        {
            listener = LoopbackRedirectListener.Start(port);
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"Cannot listen on http://localhost:{port}/ ({e.SocketErrorCode}): another program uses the port. " +
                "Pass --port with a free one, and register http://localhost:PORT/ as a redirect URI in your Pinterest app.", e);
        }
        using (listener)
        {
            var flow = new PinterestAuthorizationCodeFlow(new PinterestAuthorizationCodeOptions
            {
                ClientId = app.Id,
                ClientSecret = app.Secret,
                RedirectUri = listener.RedirectUri,
                AuthorizationUrl = authorizationUrl,
                TokenUrl = PinterestTokenCredentialOptions.TokenUrlFor(apiBaseUrl),
                HttpClient = context.HttpClient,
                TimeProvider = context.Clock,
            });
            var request = flow.CreateAuthorizationRequest();

            if (!openBrowser || !context.OpenBrowser(request.Url))
            {
                context.Error.WriteLine("Open this address in a browser on this computer, and allow access:");
                context.Out.WriteLine(request.Url.AbsoluteUri);
            }
            context.Error.WriteLine($"Waiting for Pinterest to send the browser back to {listener.RedirectUri} (for up to {Minutes(timeout)})…");

            using var timer = new CancellationTokenSource(timeout, context.Clock);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            System.Collections.Specialized.NameValueCollection redirect;
            try
            {
                redirect = await listener.WaitForRedirectAsync(query => Page(query, request), waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine($"No answer from Pinterest within {Minutes(timeout)}: nothing was stored. Run 'pinterest-insights login' again.");
                return ExitCodes.ApiFailure;
            }

            if (Refusal(redirect, request) is { } refusal)
            {
                context.Error.WriteLine(refusal);
                return ExitCodes.ApiFailure;
            }

            PinterestTokens tokens;
            try
            {
                tokens = await flow.ExchangeCodeAsync(redirect["code"]!, cancellationToken).ConfigureAwait(false);
            }
            catch (PinterestApiException e)
            {
                context.Error.WriteLine(e.Message);
                context.Error.WriteLine("Nothing was stored. Check PINTEREST_APP_ID and PINTEREST_APP_SECRET, then run 'pinterest-insights login' again.");
                return ExitCodes.ApiFailure;
            }

            context.LoginStore.Write(new StoredLogin(app.Id, apiBaseUrl, tokens.AccessToken, tokens.AccessTokenExpiresAt, tokens.RefreshToken, tokens.RefreshTokenExpiresAt, tokens.Scope));
            context.Error.WriteLine($"Logged in. Your tokens are stored in {context.LoginStore.FilePath} (readable by you only); " +
                "commands use them when PINTEREST_ACCESS_TOKEN is not set, and 'pinterest-insights logout' deletes them.");
            if (context.IsSet("PINTEREST_ACCESS_TOKEN"))
                context.Error.WriteLine("PINTEREST_ACCESS_TOKEN is set in this shell and wins over the stored login: unset it to use the login.");
            return ExitCodes.Success;
        }
    }

    /// <summary><c>pinterest-insights logout</c>.</summary>
    public static int Logout(CliContext context)
    {
        var path = context.LoginStore.FilePath;
        try
        {
            context.Error.WriteLine(context.LoginStore.Delete() ? $"Logged out: deleted {path}." : $"Not logged in: there is no {path}.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"Could not delete {path}: {e.Message} Your tokens are still stored there: " +
                "delete the file by hand, or remove the app's access in your Pinterest settings.");
            return ExitCodes.ApiFailure;
        }
    }

    /// <summary>What is wrong with the redirect, or null when its code may be exchanged.</summary>
    private static string? Refusal(System.Collections.Specialized.NameValueCollection redirect, PinterestAuthorizationRequest request)
    {
        if (!request.IsExpectedState(redirect["state"]))
            return "The redirect did not carry this login's state, so it did not come from this login (an old tab, or another site): it was refused and nothing was stored. Run 'pinterest-insights login' again.";
        if (redirect["error"] is { } error)
            return error == "access_denied"
                ? "Access was declined on Pinterest's page: nothing was stored. Run 'pinterest-insights login' again and choose to allow access."
                : $"Pinterest answered the authorization with the error '{Printable(error)}': nothing was stored. Check the app's redirect URI and scopes, then run 'pinterest-insights login' again.";
        if (string.IsNullOrWhiteSpace(redirect["code"]))
            return "The redirect carried no authorization code: nothing was stored. Run 'pinterest-insights login' again.";
        return null;
    }

    /// <summary>The page the browser shows after the redirect.</summary>
    private static string Page(System.Collections.Specialized.NameValueCollection redirect, PinterestAuthorizationRequest request) =>
        Refusal(redirect, request) is null
            ? "pinterest-insights got Pinterest's answer. You can close this tab and return to the terminal."
            : "pinterest-insights could not log in with this answer; the terminal says why. You can close this tab.";

    private static string Minutes(TimeSpan timeout) => timeout.TotalMinutes >= 1
        ? $"{timeout.TotalMinutes:0.#} minute{(timeout.TotalMinutes == 1 ? "" : "s")}"
        : $"{timeout.TotalSeconds:0.#} second{(timeout.TotalSeconds == 1 ? "" : "s")}";

    private static string Printable(string value) =>
        new(value.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
