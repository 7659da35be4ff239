using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Cli.Report;

/// <summary>
/// <c>report</c>'s page opened in a real browser (headless Chromium), checked for what a person would
/// see: no error and no request at all, every chart with a bar or point for each value, known text
/// visible, the sort working, hostile names shown as text with nothing run, a picture that is not
/// blank, and a print of a sane number of pages.
/// </summary>
public partial class ReportPageTests
{
    private const string Account = "549755885175";
    private Chromium _chromium = null!;
    private string _work = null!;
    private string _samplePage = null!;
    private string _hostilePage = null!;
    private JObject _comparison = null!;
    private JObject _trend = null!;

    [OneTimeSetUp]
    public async Task WritePagesAndStartTheBrowser()
    {
        _chromium = await Chromium.LaunchAsync();
        _work = Directory.CreateTempSubdirectory("pinterest-report-page-").FullName;

        // The sample: no token, no store, so sample data and a SAMPLE history; the same figures as compare and trend.
        var noHistory = ("XDG_DATA_HOME", (string?)Path.Combine(_work, "data"));
        _samplePage = Path.Combine(_work, "sample.html");
        var sample = await CliRun.RunAsync(["report", Account, "--output", _samplePage], noHistory);
        Assert.That(sample.ExitCode, Is.Zero, sample.Errors);
        _comparison = JObject.Parse((await CliRun.RunAsync(["compare", Account, "--json"], noHistory)).Output);
        _trend = JObject.Parse((await CliRun.RunAsync(["trend", Account, "--json"], noHistory)).Output);

        // Hostile names from the API, and in a stored history of two days (so also in the trend charts).
        var store = Path.Combine(_work, "history");
        var history = new AudienceHistoryStore(store);
        foreach (var (date, drift) in new[] { ("2026-03-01", 0.0), ("2026-03-02", 0.05) })
        {
            var fetchedAt = new DateTimeOffset(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);
            await history.WriteAsync([new AudienceSnapshot(Account, AudienceInsightType.YourTotalAudience, HostileAudienceApi.Response(AudienceInsightType.YourTotalAudience, date, drift), fetchedAt)]);
        }
        _hostilePage = Path.Combine(_work, "hostile.html");
        using var api = new HostileAudienceApi();
        var hostile = await CliRun.StartAsync(["report", Account, "--store", store, "--output", _hostilePage], HostileAudienceApi.Environment, handler: api);
        Assert.That(hostile.ExitCode, Is.Zero, hostile.Errors);
    }

    [OneTimeTearDown]
    public async Task StopTheBrowser()
    {
        if (_chromium is not null)
            await _chromium.DisposeAsync();
        if (_work is not null)
            Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task The_sample_page_opens_with_no_error_and_no_request_at_all()
    {
        await using var opened = await OpenAsync(_samplePage);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(opened.Requests, Is.Empty, "the page loads nothing: no CDN, no font, no image");
            Assert.That(opened.Attempts, Is.Empty, "nor tries to");
            Assert.That(opened.Errors, Is.Empty);
            Assert.That(await opened.Page.TitleAsync(), Is.EqualTo($"Audience report: ad account {Account} (SAMPLE DATA)"));
            Assert.That(await opened.Page.Locator("#sample-data").IsVisibleAsync(), Is.True, "SAMPLE DATA in plain sight");
            Assert.That(await opened.Page.Locator("#sample-data").InnerTextAsync(), Does.StartWith("SAMPLE DATA"));
            Assert.That(await opened.Page.GetByText("SAMPLE HISTORY").First.IsVisibleAsync(), Is.True);
        }
    }

    [Test]
    public async Task Each_chart_has_a_bar_for_each_value_and_the_trends_a_point_for_each_snapshot()
    {
        await using var opened = await OpenAsync(_samplePage);
        var page = opened.Page;
        var categories = (JArray)_comparison["categories"]!;
        var demographics = (JArray)_comparison["demographics"]!;

        var charts = new List<(string Chart, JToken[] Values)>
        {
            ("chart-categories", [.. categories]),
            ("chart-ages", Of("age")),
            ("chart-genders", Of("gender")),
            ("chart-devices", Of("device")),
            ("chart-countries", [.. Of("country").OrderByDescending(v => v.Value<double?>("yourShare")).Take(10)]),
            ("chart-metros", [.. Of("metro").OrderByDescending(v => v.Value<double?>("yourShare")).Take(10)]),
            ("chart-over", [.. categories.Concat(demographics).Where(v => v.Value<double?>("index") > 100).OrderByDescending(v => v.Value<double>("index")).Take(5)]),
            ("chart-under", [.. categories.Concat(demographics).Where(v => v.Value<double?>("index") < 100).OrderBy(v => v.Value<double>("index")).Take(5)]),
        };
        using (Assert.EnterMultipleScope())
        {
            foreach (var (chart, values) in charts)
            {
                Assert.That(values, Is.Not.Empty, chart);
                Assert.That(await page.Locator($"#{chart} tbody tr").CountAsync(), Is.EqualTo(values.Length), $"{chart}: a row per value");
                Assert.That(await page.Locator($"#{chart} rect.yours").CountAsync(), Is.EqualTo(values.Count(v => v.Value<double?>("yourShare") is not null)), $"{chart}: your bars");
                Assert.That(await page.Locator($"#{chart} rect.pinterest").CountAsync(), Is.EqualTo(values.Count(v => v.Value<double?>("pinterestShare") is not null)), $"{chart}: Pinterest's bars");
                Assert.That(await page.Locator($"#{chart} rect.over, #{chart} rect.under").CountAsync(), Is.EqualTo(values.Count(v => v.Value<double?>("index") is not null)), $"{chart}: index bars");
                Assert.That(await page.Locator($"#{chart} line.hundred").CountAsync(), Is.EqualTo(values.Length), $"{chart}: 100 marked on each index bar");
                Assert.That(await page.Locator($"#{chart} h3").InnerTextAsync(), Is.Not.Empty, $"{chart}: a title");
            }

            var sizes = _trend["sizes"]!.Count(s => s.Value<long?>("size") is not null);
            Assert.That(sizes, Is.EqualTo(365));
            Assert.That(await Points(page, "#chart-size polyline"), Is.EqualTo(new[] { sizes }), "the size: a point per snapshot");
            var movers = _trend["values"]!.Take(5).ToList();
            Assert.That(await Points(page, "#chart-movers polyline"), Is.EqualTo(movers.Select(m => m["path"]!.Count(p => p.Value<double?>("share") is not null)).ToArray()),
                "the top movers (the biggest changes, as trend lists them): a line each, a point per snapshot");
            Assert.That(await page.Locator("#chart-movers .legend li").AllInnerTextsAsync(), Is.EqualTo(movers.Select(m => m.Value<string>("name")).ToArray()));
            Assert.That(await page.Locator("#chart-size svg title").TextContentAsync(), Is.Not.Empty, "a text alternative");
            Assert.That(await page.Locator("#chart-movers svg desc").TextContentAsync(), Does.Contain(movers[0].Value<string>("name")));
        }

        JToken[] Of(string dimension) => [.. demographics.Where(d => d.Value<string>("dimension") == dimension)];
    }

    [Test]
    public async Task Known_text_is_visible_with_figures_written_as_the_tables_write_them()
    {
        await using var opened = await OpenAsync(_samplePage);
        var page = opened.Page;
        var homeDecor = page.Locator("#chart-categories tbody tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "home decor", Exact = true }) });

        Assert.That(await homeDecor.IsVisibleAsync(), Is.True);
        Assert.That(await homeDecor.Locator("td").AllInnerTextsAsync(), Is.SupersetOf(new[] { "82.9%", "41.0%", "202" }), "as compare's table shows it");
        Assert.That(await page.Locator("#sizes").InnerTextAsync(), Does.Contain("1,757,530").And.Contain("522,000,000"));
        Assert.That(await page.Locator("#chart-categories thead").InnerTextAsync(), Does.Contain("0%").And.Contain("100").And.Contain("Index"), "axes and units");
    }

    [Test]
    public async Task Choosing_a_heading_sorts_the_categories_and_choosing_it_again_reverses_them()
    {
        await using var opened = await OpenAsync(_samplePage);
        var page = opened.Page;
        var categories = _comparison["categories"]!.ToList();
        var chart = page.Locator("#chart-categories");
        async Task<IReadOnlyList<string>> Names() => await chart.Locator("tbody th").AllInnerTextsAsync();
        string[] By(Func<JToken, double> key, bool descending) =>
            [.. (descending ? categories.OrderByDescending(key) : categories.OrderBy(key)).Select(c => c.Value<string>("name")!)];

        Assert.That(await Names(), Is.EqualTo(By(c => c.Value<double>("index"), descending: true)), "highest index first, without a click");
        await chart.GetByRole(AriaRole.Button, new() { Name = "Category" }).ClickAsync();
        Assert.That(await Names(), Is.EqualTo(categories.Select(c => c.Value<string>("name")!).Order(StringComparer.Ordinal).ToArray()), "A to Z");
        Assert.That(await chart.Locator("th[aria-sort]").InnerTextAsync(), Does.StartWith("Category"));
        await chart.GetByRole(AriaRole.Button, new() { Name = "Category" }).ClickAsync();
        Assert.That(await Names(), Is.EqualTo(categories.Select(c => c.Value<string>("name")!).Order(StringComparer.Ordinal).Reverse().ToArray()), "Z to A");
        await chart.GetByRole(AriaRole.Button, new() { Name = "Pinterest" }).ClickAsync();
        Assert.That(await Names(), Is.EqualTo(By(c => c.Value<double>("pinterestShare"), descending: true)), "biggest share on Pinterest first");
        await chart.GetByRole(AriaRole.Button, new() { Name = "Index" }).ClickAsync();
        await chart.GetByRole(AriaRole.Button, new() { Name = "Index" }).ClickAsync();
        Assert.That(await Names(), Is.EqualTo(By(c => c.Value<double>("index"), descending: false)), "lowest index first");
        Assert.That(opened.Errors, Is.Empty);
    }

    [Test]
    public async Task Without_script_the_page_reads_whole_in_its_first_order()
    {
        await using var opened = await OpenAsync(_samplePage, javaScript: false);

        Assert.That(await opened.Page.Locator("#chart-categories tbody tr").CountAsync(), Is.EqualTo(_comparison["categories"]!.Count()));
        Assert.That(await opened.Page.Locator("#chart-categories tbody th").First.InnerTextAsync(), Is.EqualTo(_comparison["categories"]![0]!.Value<string>("name")));
        Assert.That(await opened.Page.Locator("button").CountAsync(), Is.Zero, "no control that would do nothing");
        Assert.That(await opened.Page.Locator("#chart-size polyline").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Hostile_names_show_as_text_and_nothing_in_them_runs_or_loads()
    {
        await using var opened = await OpenAsync(_hostilePage);
        var page = opened.Page;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(opened.Requests.Concat(opened.Attempts), Is.Empty, "no image or frame from a name was requested");
            Assert.That(opened.Errors, Is.Empty, "nothing was refused either: there was nothing to refuse");
            Assert.That(await page.EvaluateAsync<bool>($"() => window.{HostileAudienceApi.Flag} === undefined"), Is.True, "no script of a name ran");
            Assert.That(await page.Locator("script").CountAsync(), Is.EqualTo(1), "the page's own script alone");
            Assert.That(await page.Locator("img, iframe, b, [onerror], [onmouseover]").CountAsync(), Is.Zero, "no element or attribute from a name");
            foreach (var name in HostileAudienceApi.Names)
                Assert.That(await page.Locator("#chart-categories tbody").GetByText(name, new() { Exact = true }).IsVisibleAsync(), Is.True, $"{name} as text");
            Assert.That(await page.Locator("#chart-ages tbody").GetByText(HostileAudienceApi.ScriptTag, new() { Exact = true }).IsVisibleAsync(), Is.True);
            Assert.That(await page.Locator("#chart-metros tbody").GetByText(HostileAudienceApi.Frame, new() { Exact = true }).IsVisibleAsync(), Is.True);
            Assert.That(await page.Locator("#chart-countries tbody").GetByText(HostileAudienceApi.ImageTag, new() { Exact = true }).IsVisibleAsync(), Is.True);
            var legend = await page.Locator("#chart-movers .legend li").AllInnerTextsAsync();
            Assert.That(legend, Has.Count.EqualTo(5).And.Member(HostileAudienceApi.ScriptTag).And.Member(HostileAudienceApi.ImageTag), "in the trend's legend");
            Assert.That(legend, Is.SubsetOf(HostileAudienceApi.Names.Append("home decor")), "each whole");
            Assert.That(await page.Locator("#chart-movers svg desc").TextContentAsync(), Does.Contain(HostileAudienceApi.ScriptTag), "in the SVG's description");
            Assert.That(await page.Locator("#chart-categories tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)"),
                Has.Member("<key-1\">"), "keys in attributes, whole");
        }
    }

    [Test]
    public async Task The_policy_allows_no_request_and_no_script_but_the_pages_own()
    {
        await using var opened = await OpenAsync(_samplePage);

        var policy = await opened.Page.Locator("meta[http-equiv='Content-Security-Policy']").GetAttributeAsync("content");
        var refused = await opened.Page.EvaluateAsync<string[]>("""
            async () => {
              const refused = [];
              document.addEventListener("securitypolicyviolation", e => refused.push(e.effectiveDirective));
              const image = document.createElement("img");
              image.src = "https://example.invalid/probe.png";
              document.body.append(image);
              const script = document.createElement("script");
              script.textContent = "window.probeRan = true";
              document.body.append(script);
              try { await fetch("https://example.invalid/probe"); } catch { }
              await new Promise(resolve => setTimeout(resolve, 300));
              return [...refused, String(window.probeRan === true)];
            }
            """);

        Assert.That(policy, Does.StartWith("default-src 'none';").And.Contain("script-src 'sha256-").And.Contain("style-src 'sha256-").And.Not.Contain("unsafe"));
        Assert.That(refused, Is.EquivalentTo(new[] { "img-src", "script-src-elem", "connect-src", "false" }));
        Assert.That(opened.Requests, Is.Empty, "refused before any request was made");
        Assert.That(opened.Attempts, Is.SubsetOf(new[] { "https://example.invalid/probe.png", "https://example.invalid/probe" }), "the probes alone were attempted");
    }

    [Test]
    public async Task A_screenshot_is_not_blank_and_dark_mode_and_print_change_the_colours()
    {
        await using var opened = await OpenAsync(_samplePage);
        var screenshot = await opened.Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await using var dark = await OpenAsync(_samplePage, ColorScheme.Dark);
        var darkBackground = await Background(dark.Page);
        await dark.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var (colours, inked) = await PixelsAsync(screenshot);
        Assert.That(colours, Is.GreaterThan(50), "text, bars in several colours, lines");
        Assert.That(inked, Is.GreaterThan(0.03), "a fair part of the page is drawn on");
        Assert.That(await Background(opened.Page), Is.EqualTo("rgb(255, 255, 255)"));
        Assert.That(darkBackground, Is.EqualTo("rgb(20, 20, 20)"), "dark mode");
        Assert.That(await Background(dark.Page), Is.EqualTo("rgb(255, 255, 255)"), "printed light, also from dark mode");

        static Task<string> Background(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
    }

    [TestCase("A4")]
    [TestCase("Letter")]
    public async Task It_prints_to_a_sane_number_of_pages(string format)
    {
        await using var opened = await OpenAsync(_samplePage);

        var pdf = await opened.Page.PdfAsync(new PagePdfOptions { Format = format, PrintBackground = true });

        var pages = PdfPage().Count(System.Text.Encoding.Latin1.GetString(pdf));
        TestContext.Out.WriteLine($"{format}: {pages} pages, {pdf.Length:N0} bytes");
        Assert.That(pages, Is.InRange(3, 10), "a few pages: the sizes, the interests, the demographics, the trends");
        Assert.That(opened.Errors, Is.Empty);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PdfPage();

    private static async Task<int[]> Points(IPage page, string selector) =>
        await page.Locator(selector).EvaluateAllAsync<int[]>("lines => lines.map(l => l.points.numberOfItems)");

    /// <summary>How many colours a PNG holds and the part of it that is not white, counted by the browser on a blank page.</summary>
    private async Task<(int Colours, double Inked)> PixelsAsync(byte[] png)
    {
        var page = await _chromium.Browser.NewPageAsync();
        try
        {
            var counted = await page.EvaluateAsync<double[]>("""
                async png => {
                  const image = new Image();
                  image.src = "data:image/png;base64," + png;
                  await image.decode();
                  const canvas = document.createElement("canvas");
                  canvas.width = image.width;
                  canvas.height = image.height;
                  const context = canvas.getContext("2d");
                  context.drawImage(image, 0, 0);
                  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                  const colours = new Set();
                  let inked = 0;
                  for (let i = 0; i < data.length; i += 4) {
                    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                    colours.add(rgb);
                    if (rgb !== 0xffffff) inked++;
                  }
                  return [colours.size, inked / (data.length / 4)];
                }
                """, Convert.ToBase64String(png));
            return ((int)counted[0], counted[1]);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// Opens a written page from its file, as a person would, with every request but the page's own
    /// refused and recorded, and every console error or warning and script error recorded.
    /// </summary>
    private Task<OpenedPage> OpenAsync(string file, ColorScheme colourScheme) => OpenAsync(file, true, colourScheme);

    private async Task<OpenedPage> OpenAsync(string file, bool javaScript = true, ColorScheme colourScheme = ColorScheme.Light)
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ColorScheme = colourScheme,
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(context, page);
        var url = new Uri(file).AbsoluteUri;
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url)
            {
                await route.ContinueAsync();
                return;
            }
            opened.Requests.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
        // The browser also reports a request it was about to make and refused itself (the policy): an attempt all the same.
        page.Request += (_, request) =>
        {
            if (request.Url != url)
                opened.Attempts.Enqueue(request.Url);
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                opened.Errors.Enqueue($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => opened.Errors.Enqueue("script error: " + error);
        page.RequestFailed += (_, request) => opened.Errors.Enqueue("failed request: " + request.Url);
        var response = await page.GotoAsync(url);
        Assert.That(response?.Ok, Is.True, $"{file} opened");
        return opened;
    }

    private sealed class OpenedPage(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        /// <summary>Every request other than the page itself that reached the network (and was refused there).</summary>
        public ConcurrentQueue<string> Requests { get; } = new();

        /// <summary>Every request other than the page itself that the page attempted, also those its policy refused.</summary>
        public ConcurrentQueue<string> Attempts { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public ValueTask DisposeAsync() => new(context.CloseAsync());
    }
}
