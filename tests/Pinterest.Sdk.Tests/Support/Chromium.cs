using Microsoft.Playwright;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c>, which <c>build/test</c> installs) driven through Playwright
/// for .NET: the system's browser, since Playwright cannot download its own here. Without it the tests
/// are inconclusive, except under CI, where its absence is a failure.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Starts one browser, for a fixture's tests to open pages in.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            const string why = $"{ExecutablePath} is not installed: build/test installs it (apt-get install chromium)";
            if (Environment.GetEnvironmentVariable("CI") is "true")
                Assert.Fail(why);
            Assume.That(false, why);
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            // As root (CI, a container) Chromium's sandbox cannot start: --no-sandbox.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox"],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
