using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Sdk.Cli.Report;

/// <summary>
/// The one place the report page is made: <see cref="Render"/> turns <see cref="ReportData"/> into one
/// self-contained HTML file. Its style and its small sorting script are inline, allowed by their hashes in
/// the page's Content-Security-Policy, which allows nothing else: no request leaves the page, and a script
/// that a name from Pinterest smuggled in would not run even if it were not escaped (it is, by <see cref="Html.Escape"/>).
/// The page reads and prints whole without the script; fonts are the system's.
/// </summary>
internal static class ReportPage
{
    /// <summary>The page.</summary>
    public static string Render(ReportData data)
    {
        var page = new StringBuilder(64 * 1024);
        var title = $"Audience report: ad account {data.AdAccountId}{(data.Sample ? " (SAMPLE DATA)" : "")}";
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        page.Append("<meta name=\"generator\" content=\"pinterest-insights\">\n");
        page.Append("<title>").Append(Html.Escape(title)).Append("</title>\n");
        page.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        Header(page, data, title);
        page.Append("<main>\n");
        Sizes(page, data);
        Categories(page, data);
        Demographics(page, data);
        Extremes(page, data);
        Trend(page, data);
        page.Append("</main>\n");
        page.Append("<footer><p>Share: the part of an audience a value holds, in percent. Index: your share divided by Pinterest's share, times 100; ")
            .Append("above 100 your audience over-indexes (has more of it than Pinterest's whole audience), below 100 it under-indexes. ")
            .Append("Made with pinterest-insights on ").Append(Figures.Day(data.MadeOn)).Append(". This page is one file: it loads nothing from the network.</p></footer>\n");
        page.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void Header(StringBuilder page, ReportData data, string title)
    {
        page.Append("<header>\n");
        if (data.Sample)
        {
            page.Append("<p class=\"sample\" id=\"sample-data\"><strong>SAMPLE DATA</strong>: made-up figures from pinterest-insights' built-in sample, ")
                .Append("not a real ad account. Set PINTEREST_ACCESS_TOKEN or run 'pinterest-insights login' for your own.</p>\n");
        }
        page.Append("<h1>").Append(Html.Escape(title)).Append("</h1>\n<dl class=\"about\">");
        page.Append("<div><dt>Audience</dt><dd>").Append(Html.Escape(data.AudienceName)).Append(" against Pinterest's total audience</dd></div>");
        page.Append("<div><dt>Pinterest's figures of</dt><dd>").Append(Html.Escape(data.DataDate ?? "an unknown day")).Append("</dd></div>");
        var history = data.History;
        page.Append("<div><dt>History</dt><dd>");
        page.Append(history.Trend.Sizes.Count switch
        {
            0 => "none stored",
            1 => $"one snapshot, {Figures.Day(history.Trend.FirstDate)}",
            var n => $"{Figures.Day(history.Trend.FirstDate)} to {Figures.Day(history.Trend.LastDate)}, {n.ToString("N0", CultureInfo.InvariantCulture)} snapshots",
        });
        if (history.Sample)
            page.Append(" <strong class=\"flag\">SAMPLE HISTORY</strong>");
        page.Append("</dd></div>");
        page.Append("<div><dt>Made</dt><dd>").Append(Figures.Day(data.MadeOn)).Append(" by pinterest-insights</dd></div>");
        page.Append("</dl>\n</header>\n");
    }

    private static void Sizes(StringBuilder page, ReportData data)
    {
        page.Append("<section id=\"sizes\" aria-labelledby=\"sizes-heading\">\n<h2 id=\"sizes-heading\">Audience sizes</h2>\n<dl class=\"sizes\">");
        foreach (var size in data.Sizes)
        {
            page.Append("<div class=\"size").Append(size.Compared ? " compared" : "").Append("\"><dt>").Append(Html.Escape(size.Label)).Append("</dt><dd>")
                .Append(Html.Escape(Figures.Count(size.Size)));
            if (size.IsUpperBound == true && size.Size is not null)
                page.Append(" <small>(upper bound)</small>");
            page.Append("</dd></div>");
        }
        page.Append("</dl>\n");
        var yours = data.Sizes.Single(s => s.Compared).Size;
        var pinterest = data.Sizes[^1].Size;
        if (yours is { } y && pinterest is > 0)
        {
            page.Append("<p>").Append(Html.Escape(data.AudienceName)).Append(" is ")
                .Append((100.0 * y / pinterest.Value).ToString(y * 1000L < pinterest.Value ? "0.000" : "0.0", CultureInfo.InvariantCulture))
                .Append("% of Pinterest's total audience. The charts below compare shares, not numbers of people.</p>\n");
        }
        page.Append("</section>\n");
    }

    private static void Categories(StringBuilder page, ReportData data)
    {
        var categories = data.Dimensions[0];
        page.Append("<section id=\"interests\" aria-labelledby=\"interests-heading\">\n<h2 id=\"interests-heading\">Interests</h2>\n");
        ReportCharts.ValueTable(page, "chart-categories", categories.Title,
            $"Share of {Lower(data.AudienceName)} (dark bars) and of Pinterest's total audience (light bars) interested in each category, and the index " +
            "(100 = as on Pinterest), highest index first. Choose a column's heading to sort by it.",
            "Category", categories.Values, "Yours", showDimension: false, sortedByIndex: true);
        page.Append("</section>\n");
    }

    private static void Demographics(StringBuilder page, ReportData data)
    {
        page.Append("<section id=\"demographics\" aria-labelledby=\"demographics-heading\">\n<h2 id=\"demographics-heading\">Who they are</h2>\n");
        foreach (var dimension in data.Dimensions.Skip(1))
        {
            var name = ReportCharts.DimensionName(dimension.Dimension);
            var order = dimension.Dimension switch
            {
                AudienceDimension.Age => "youngest first",
                AudienceDimension.Country or AudienceDimension.Metro => $"the {ReportData.TopRows} biggest in {Lower(data.AudienceName)}",
                _ => "biggest first",
            };
            var id = dimension.Dimension switch
            {
                AudienceDimension.Age => "chart-ages",
                AudienceDimension.Gender => "chart-genders",
                AudienceDimension.Device => "chart-devices",
                AudienceDimension.Country => "chart-countries",
                _ => "chart-metros",
            };
            ReportCharts.ValueTable(page, id, dimension.Title,
                $"Share of {Lower(data.AudienceName)} (dark bars) and of Pinterest's total audience (light bars) in each {name.ToLowerInvariant()}, {order}; index: 100 = as on Pinterest.",
                name, dimension.Values, "Yours", showDimension: false, sortedByIndex: false);
        }
        page.Append("</section>\n");
    }

    private static void Extremes(StringBuilder page, ReportData data)
    {
        page.Append("<section id=\"extremes\" aria-labelledby=\"extremes-heading\">\n<h2 id=\"extremes-heading\">Where your audience differs most</h2>\n");
        ReportCharts.ValueTable(page, "chart-over", "Most over-indexed",
            $"The {ReportData.Extremes} categories and demographic values {Lower(data.AudienceName)} has most of, against Pinterest's total audience: highest index first.",
            "Value", data.OverIndexed, "Yours", showDimension: true, sortedByIndex: true);
        ReportCharts.ValueTable(page, "chart-under", "Most under-indexed",
            $"The {ReportData.Extremes} categories and demographic values {Lower(data.AudienceName)} has least of, against Pinterest's total audience: lowest index first.",
            "Value", data.UnderIndexed, "Yours", showDimension: true, sortedByIndex: false);
        page.Append("</section>\n");
    }

    private static void Trend(StringBuilder page, ReportData data)
    {
        var history = data.History;
        var trend = history.Trend;
        page.Append("<section id=\"trend\" aria-labelledby=\"trend-heading\">\n<h2 id=\"trend-heading\">How the audience moved</h2>\n");
        if (history.Sample)
        {
            page.Append("<p class=\"sample\"><strong>SAMPLE HISTORY</strong>: a year of made-up daily snapshots ending in today's sample figures, ")
                .Append("to show what a kept history looks like.</p>\n");
        }
        if (!history.HasTrend)
        {
            page.Append("<p class=\"empty\" id=\"no-trend\">")
                .Append(trend.Sizes.Count == 1
                    ? $"The history store holds one snapshot of this audience ({Figures.Day(trend.FirstDate)}): the trend lines appear once it holds a second day."
                    : $"The history store ({Html.Escape(history.Store)}) holds no snapshot of this audience, so there is no trend to draw.")
                .Append(" Keep one a day with <code>pinterest-insights snapshot ").Append(Html.Escape(data.AdAccountId))
                .Append("</code> (from cron, Task Scheduler or a CI schedule).</p>\n</section>\n");
            return;
        }

        var sized = trend.Sizes.Where(s => s.Size is not null).ToList();
        if (sized.Count >= 2)
            SizeChart(page, data, sized);
        else
            page.Append("<p class=\"empty\" id=\"no-size-trend\">Pinterest gave the audience's size on fewer than two of these days: there is no line of its size to draw.</p>\n");

        var movers = trend.Values.Where(v => v.Path.Count(p => p.Share is not null) >= 2).Take(ReportData.Movers).ToList();
        if (movers.Count > 0)
            Movers(page, data, movers);
        page.Append("</section>\n");
    }

    private static void SizeChart(StringBuilder page, ReportData data, List<AudienceSizePoint> sizes)
    {
        var (first, last) = (sizes[0], sizes[^1]);
        var change = first.Size is > 0 && last.Size is { } l ? $", {Figures.Percent((l - first.Size.Value) * 100.0 / first.Size.Value)}" : "";
        ReportCharts.LineChart(page, "chart-size", $"{data.AudienceName}: size over time",
            $"{data.AudienceName} over {sizes.Count.ToString(CultureInfo.InvariantCulture)} snapshots: {Figures.Count(first.Size)} people on {Figures.Day(first.Date)}, " +
            $"{Figures.Count(last.Size)} on {Figures.Day(last.Date)}{change}.",
            "People",
            [new LineSeries(data.AudienceName, [.. sizes.Select(s => (s.Date, (double?)s.Size))])],
            value => Figures.Count((long)Math.Round(value)));
    }

    private static void Movers(StringBuilder page, ReportData data, List<AudienceValueTrend> movers)
    {
        var trend = data.History.Trend;
        ReportCharts.LineChart(page, "chart-movers", "Interest categories that moved most",
            $"Share of {Lower(data.AudienceName)} over time of the {movers.Count.ToString(CultureInfo.InvariantCulture)} categories whose share changed most from {Figures.Day(trend.FirstDate)} to {Figures.Day(trend.LastDate)}: " +
            string.Join("; ", movers.Select(m => $"{m.Name} {Figures.Share(m.FirstShare)} to {Figures.Share(m.LastShare)} ({Figures.Points(m.ChangePoints)} points)")) + ".",
            "Share of audience",
            [.. movers.Select(m => new LineSeries(m.Name, [.. m.Path.Select(p => (p.Date, p.Share))]))],
            value => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%");

        page.Append("<figure class=\"chart\" id=\"table-movers\"><figcaption><h3>Top movers, first and last snapshot</h3></figcaption>\n<div class=\"scroll\"><table>\n");
        page.Append("<thead><tr><th scope=\"col\">Category</th><th scope=\"col\" class=\"num\">").Append(Figures.Day(trend.FirstDate))
            .Append("</th><th scope=\"col\" class=\"num\">").Append(Figures.Day(trend.LastDate)).Append("</th><th scope=\"col\" class=\"num\">Change (points)</th></tr></thead>\n<tbody>\n");
        foreach (var mover in movers)
        {
            page.Append("<tr><th scope=\"row\">").Append(Html.Escape(mover.Name)).Append("</th><td class=\"num\">").Append(Figures.Share(mover.FirstShare))
                .Append("</td><td class=\"num\">").Append(Figures.Share(mover.LastShare)).Append("</td><td class=\"num\">").Append(Figures.Points(mover.ChangePoints)).Append("</td></tr>\n");
        }
        page.Append("</tbody></table></div></figure>\n");
    }

    private static string Lower(string text) => char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>Nothing may load; only the page's own style and script, by their hashes, may apply and run.</summary>
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; img-src 'none'; base-uri 'none'; form-action 'none'";

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    /// <summary>Sorts a table by the column whose heading is chosen (numbers by their data-value, biggest first; text A to Z), again to reverse.</summary>
    private const string Script = """

        "use strict";
        for (const table of document.querySelectorAll("table.sortable")) {
          const body = table.tBodies[0];
          for (const heading of table.querySelectorAll("th[data-sort]")) {
            const button = document.createElement("button");
            button.type = "button";
            button.textContent = heading.textContent;
            heading.replaceChildren(button);
            button.addEventListener("click", () => {
              const numeric = heading.dataset.sort === "number";
              const now = heading.getAttribute("aria-sort");
              const order = now ? (now === "ascending" ? "descending" : "ascending") : (numeric ? "descending" : "ascending");
              for (const other of table.querySelectorAll("th[aria-sort]")) other.removeAttribute("aria-sort");
              heading.setAttribute("aria-sort", order);
              const column = heading.cellIndex;
              const key = row => numeric ? row.cells[column].dataset.value : row.cells[column].textContent;
              const rows = [...body.rows].sort((a, b) => {
                const x = key(a), y = key(b);
                if (x === "" || y === "") return (x === "") - (y === "");
                const c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
                return order === "ascending" ? c : -c;
              });
              body.append(...rows);
            });
          }
        }

        """;

    /// <summary>
    /// Colours from Okabe and Ito's palette (told apart with any colour vision), with lightness and
    /// dash patterns that survive grey printing; dark mode by <c>prefers-color-scheme</c>; printed light,
    /// no chart or table row cut across pages (the print rules come last, to win).
    /// </summary>
    private const string Style = """

        :root { color-scheme: light dark; --fg: #1b1b1b; --bg: #ffffff; --muted: #555555; --grid: #d4d4d4; --panel: #f3f3f3;
          --yours: #0b5f94; --pinterest: #f2c46d; --pinterest-edge: #8a5a00; --over: #0072b2; --under: #d55e00; --hundred: #000000;
          --s0: #0072b2; --s1: #d55e00; --s2: #009e73; --s3: #cc79a7; --s4: #7a5c00; --sample-bg: #fff1a8; --sample-edge: #8a6d00; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #ececec; --bg: #141414; --muted: #b0b0b0; --grid: #3c3c3c; --panel: #222222;
            --yours: #56b4e9; --pinterest: #8a6a2a; --pinterest-edge: #f0c36a; --over: #56b4e9; --under: #ff8f4a; --hundred: #ffffff;
            --s0: #56b4e9; --s1: #ff8f4a; --s2: #3fd0a4; --s3: #e49ccb; --s4: #f0e442; --sample-bg: #4a3d00; --sample-edge: #f0d000; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 62rem; padding: 1rem; background: var(--bg); color: var(--fg);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        h1 { font-size: 1.6rem; margin: 0.4rem 0; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--grid); }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.2rem; }
        figure { margin: 0 0 1.2rem; }
        figcaption p { margin: 0 0 0.4rem; color: var(--muted); }
        .sample { background: var(--sample-bg); border: 2px solid var(--sample-edge); padding: 0.5rem 0.8rem; font-size: 1.05rem; }
        .flag { border: 1px solid var(--sample-edge); padding: 0 0.3rem; }
        .about { display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; margin: 0.5rem 0; }
        .about dt, .sizes dt { color: var(--muted); font-size: 0.85rem; }
        dd { margin: 0; }
        .sizes { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.5rem 0; }
        .size { background: var(--panel); border: 1px solid var(--grid); padding: 0.5rem 0.9rem; min-width: 14rem; }
        .size dd { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .size.compared { border: 2px solid var(--yours); }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 0.1rem 0.5rem; text-align: left; vertical-align: middle; border-bottom: 1px solid var(--grid); }
        thead th { vertical-align: bottom; font-size: 0.85rem; }
        tbody th { font-weight: normal; max-width: 16rem; overflow-wrap: break-word; }
        .num { text-align: right; white-space: nowrap; }
        td.bars, th.axis { padding: 0 0.25rem; }
        svg { display: block; overflow: visible; }
        .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
        th[aria-sort="descending"] button::after { content: " \25BC"; }
        th[aria-sort="ascending"] button::after { content: " \25B2"; }
        .tick { fill: var(--muted); font-size: 11px; }
        .axis-title { fill: var(--fg); font-size: 12px; font-weight: 600; }
        .hundred-label { fill: var(--fg); font-weight: 700; }
        .grid { stroke: var(--grid); stroke-width: 1; }
        .axis-line { stroke: var(--muted); stroke-width: 1; }
        .hundred { stroke: var(--hundred); stroke-width: 1.5; }
        .bar.yours { fill: var(--yours); }
        .bar.pinterest { fill: var(--pinterest); stroke: var(--pinterest-edge); stroke-width: 1; }
        .bar.over { fill: var(--over); }
        .bar.under { fill: var(--under); }
        .line-chart { width: 100%; height: auto; max-width: 720px; }
        .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
        .line.s0 { stroke: var(--s0); }
        .line.s1 { stroke: var(--s1); stroke-dasharray: 8 4; }
        .line.s2 { stroke: var(--s2); stroke-dasharray: 2 3; }
        .line.s3 { stroke: var(--s3); stroke-dasharray: 10 3 2 3; }
        .line.s4 { stroke: var(--s4); stroke-dasharray: 4 2; stroke-width: 2.5; }
        .legend { list-style: none; padding: 0; margin: 0.3rem 0 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
        .legend li { display: flex; align-items: center; gap: 0.4rem; }
        .empty { color: var(--muted); }
        footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--grid); }
        @media print {
          :root { color-scheme: light; --fg: #000000; --bg: #ffffff; --muted: #444444; --grid: #cccccc; --panel: #ffffff;
            --yours: #0b5f94; --pinterest: #f2c46d; --pinterest-edge: #8a5a00; --over: #0072b2; --under: #d55e00; --hundred: #000000;
            --s0: #0072b2; --s1: #d55e00; --s2: #009e73; --s3: #cc79a7; --s4: #7a5c00; --sample-bg: #ffffff; --sample-edge: #000000; }
          @page { margin: 12mm; }
          body { font-size: 10pt; }
          .scroll { overflow: visible; }
          figure, tr, .sizes, header, footer { break-inside: avoid; }
          h2, h3, figcaption { break-after: avoid; }
          button { all: unset; }
        }

        """;
}
