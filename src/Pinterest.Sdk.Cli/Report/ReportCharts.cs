using System.Globalization;
using System.Text;

namespace Pinterest.Sdk.Cli.Report;

/// <summary>One line of a line chart: a name (Pinterest's) and a value on each day it has one.</summary>
internal sealed record LineSeries(string Name, IReadOnlyList<(DateOnly Date, double? Value)> Points);

/// <summary>
/// The report's charts, drawn as SVG by hand: bar charts in table rows (the table is the chart's text
/// alternative, and the sort reorders its rows) and line charts with a title and a description.
/// Colours and dash patterns come from the page's style (classes), so they follow dark mode and print.
/// </summary>
internal static class ReportCharts
{
    private const int ShareWidth = 170;
    private const int IndexWidth = 120;
    private const int RowHeight = 24;
    private const int Pad = 4;

    /// <summary>
    /// A bar chart of values as a table: name, your share, Pinterest's share, both as bars on one scale
    /// with its axis in the heading, the index, and a bar from 100 to it (100 marked).
    /// </summary>
    /// <param name="page">Where it is written.</param>
    /// <param name="id">The chart's id in the page (not from Pinterest).</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="caption">What it shows.</param>
    /// <param name="valueHeading">The heading of the value column.</param>
    /// <param name="values">The rows, in the order shown.</param>
    /// <param name="audience">Whose share the dark bars are.</param>
    /// <param name="showDimension">Whether a column names each value's dimension (a list across dimensions).</param>
    /// <param name="sortedByIndex">Whether the rows come highest index first (the heading says so).</param>
    public static void ValueTable(StringBuilder page, string id, string title, string caption, string valueHeading,
        IReadOnlyList<ReportValue> values, string audience, bool showDimension, bool sortedByIndex)
    {
        var shareTop = NiceTop(values.SelectMany(v => new[] { v.Share, v.PinterestShare }).Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(0).Max(), 0.01);
        var shareStep = NiceStep(shareTop, 4);
        var indexTop = Math.Max(150, NiceTop(values.Select(v => v.Index ?? 0).DefaultIfEmpty(0).Max(), 50));

        page.Append("<figure class=\"chart values\" id=\"").Append(id).Append("\" data-rows=\"").Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append("\">\n");
        page.Append("<figcaption><h3>").Append(Html.Escape(title)).Append("</h3><p>").Append(Html.Escape(caption)).Append("</p></figcaption>\n");
        if (values.Count == 0)
        {
            page.Append("<p class=\"empty\">Pinterest gave no values.</p>\n</figure>\n");
            return;
        }
        page.Append("<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr>");
        if (showDimension)
            page.Append("<th scope=\"col\" data-sort=\"text\">Dimension</th>");
        page.Append("<th scope=\"col\" data-sort=\"text\">").Append(Html.Escape(valueHeading)).Append("</th>");
        page.Append("<th scope=\"col\" class=\"num\" data-sort=\"number\">").Append(Html.Escape(audience)).Append("</th>");
        page.Append("<th scope=\"col\" class=\"num\" data-sort=\"number\">Pinterest</th>");
        page.Append("<th scope=\"col\" class=\"axis\"><span class=\"hidden\">Shares drawn: yours above, Pinterest's below, in percent of each audience</span>");
        ShareAxis(page, shareTop, shareStep);
        page.Append("</th>");
        page.Append("<th scope=\"col\" class=\"num\" data-sort=\"number\"").Append(sortedByIndex ? " aria-sort=\"descending\"" : "").Append(">Index</th>");
        page.Append("<th scope=\"col\" class=\"axis\"><span class=\"hidden\">Index drawn from 100</span>");
        IndexAxis(page, indexTop);
        page.Append("</th></tr></thead>\n<tbody>\n");
        foreach (var value in values)
        {
            page.Append("<tr data-key=\"").Append(Html.Escape(value.Key)).Append("\">");
            if (showDimension)
                page.Append("<td>").Append(Html.Escape(DimensionName(value.Dimension))).Append("</td>");
            page.Append("<th scope=\"row\">").Append(Html.Escape(value.Name)).Append("</th>");
            NumberCell(page, value.Share, Figures.Share(value.Share));
            NumberCell(page, value.PinterestShare, Figures.Share(value.PinterestShare));
            page.Append("<td class=\"bars\">");
            ShareBars(page, value, shareTop, shareStep);
            page.Append("</td>");
            NumberCell(page, value.Index, Figures.Index(value.Index));
            page.Append("<td class=\"bars\">");
            IndexBar(page, value.Index, indexTop);
            page.Append("</td></tr>\n");
        }
        page.Append("</tbody></table></div>\n</figure>\n");
    }

    /// <summary>
    /// A line chart over snapshot days: one line per series (colour and dash pattern told apart in the
    /// legend), the value axis from <paramref name="format"/>, the days below.
    /// </summary>
    /// <param name="page">Where it is written.</param>
    /// <param name="id">The chart's id in the page (not from Pinterest).</param>
    /// <param name="title">Its title.</param>
    /// <param name="description">Its text alternative: what the lines show, in words and figures.</param>
    /// <param name="axisTitle">What the values are (above the value axis).</param>
    /// <param name="series">The lines.</param>
    /// <param name="format">How a value is written on the axis.</param>
    public static void LineChart(StringBuilder page, string id, string title, string description, string axisTitle,
        IReadOnlyList<LineSeries> series, Func<double, string> format)
    {
        const double width = 720, height = 300, left = 88, right = 24, top = 28, bottom = 40;
        var points = series.SelectMany(s => s.Points).Where(p => p.Value is not null).ToList();
        var firstDay = points.Min(p => p.Date).DayNumber;
        var lastDay = Math.Max(firstDay + 1, points.Max(p => p.Date).DayNumber);
        var (low, high) = (points.Min(p => p.Value!.Value), points.Max(p => p.Value!.Value));
        var step = NiceStep(high - low > 0 ? high - low : Math.Max(Math.Abs(high), 1e-6), 4);
        var bottomValue = Math.Floor(low / step) * step;
        var topValue = Math.Max(bottomValue + step, Math.Ceiling(high / step - 1e-9) * step);
        double X(int day) => left + (day - firstDay) * (width - left - right) / (lastDay - firstDay);
        double Y(double value) => height - bottom - (value - bottomValue) * (height - top - bottom) / (topValue - bottomValue);

        page.Append("<figure class=\"chart lines\" id=\"").Append(id).Append("\">\n");
        page.Append("<figcaption><h3 id=\"").Append(id).Append("-title\">").Append(Html.Escape(title)).Append("</h3></figcaption>\n");
        page.Append("<svg class=\"line-chart\" viewBox=\"0 0 720 300\" role=\"img\" aria-labelledby=\"").Append(id).Append("-svg-title ").Append(id).Append("-desc\">");
        page.Append("<title id=\"").Append(id).Append("-svg-title\">").Append(Html.Escape(title)).Append("</title>");
        page.Append("<desc id=\"").Append(id).Append("-desc\">").Append(Html.Escape(description)).Append("</desc>\n");
        page.Append("<text class=\"axis-title\" x=\"").Append(Html.N(left)).Append("\" y=\"14\">").Append(Html.Escape(axisTitle)).Append("</text>\n");
        for (var value = bottomValue; value <= topValue + step / 2; value += step)
        {
            var y = Html.N(Y(value));
            page.Append("<line class=\"grid\" x1=\"").Append(Html.N(left)).Append("\" x2=\"").Append(Html.N(width - right)).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>");
            page.Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(Html.N(left - 6)).Append("\" y=\"").Append(Html.N(Y(value) + 4)).Append("\">")
                .Append(Html.Escape(format(value))).Append("</text>\n");
        }
        var span = lastDay - firstDay;
        var dayTicks = Enumerable.Range(0, 5).Select(i => firstDay + (int)Math.Round(i * span / 4.0)).Distinct().ToList();
        for (var i = 0; i < dayTicks.Count; i++)
        {
            var x = Html.N(X(dayTicks[i]));
            var anchor = i == 0 ? "start" : i == dayTicks.Count - 1 ? "end" : "middle";
            page.Append("<line class=\"axis-line\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(Html.N(height - bottom)).Append("\" y2=\"").Append(Html.N(height - bottom + 5)).Append("\"/>");
            page.Append("<text class=\"tick\" text-anchor=\"").Append(anchor).Append("\" x=\"").Append(x).Append("\" y=\"").Append(Html.N(height - bottom + 20)).Append("\">")
                .Append(Figures.Day(DateOnly.FromDayNumber(dayTicks[i]))).Append("</text>\n");
        }
        page.Append("<line class=\"axis-line\" x1=\"").Append(Html.N(left)).Append("\" x2=\"").Append(Html.N(width - right)).Append("\" y1=\"").Append(Html.N(height - bottom))
            .Append("\" y2=\"").Append(Html.N(height - bottom)).Append("\"/>\n");
        for (var i = 0; i < series.Count; i++)
        {
            page.Append("<polyline class=\"line s").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\" data-name=\"").Append(Html.Escape(series[i].Name)).Append("\" points=\"");
            var first = true;
            foreach (var (date, value) in series[i].Points)
            {
                if (value is not { } v)
                    continue;
                page.Append(first ? "" : " ").Append(Html.N(X(date.DayNumber))).Append(',').Append(Html.N(Y(v)));
                first = false;
            }
            page.Append("\"/>\n");
        }
        page.Append("</svg>\n");
        if (series.Count > 1)
        {
            page.Append("<ul class=\"legend\">");
            for (var i = 0; i < series.Count; i++)
            {
                page.Append("<li><svg class=\"swatch\" width=\"36\" height=\"12\" aria-hidden=\"true\"><line class=\"line s").Append(i.ToString(CultureInfo.InvariantCulture))
                    .Append("\" x1=\"2\" y1=\"6\" x2=\"34\" y2=\"6\"/></svg>").Append(Html.Escape(series[i].Name)).Append("</li>");
            }
            page.Append("</ul>\n");
        }
        page.Append("</figure>\n");
    }

    /// <summary>A value's dimension, as a heading names it.</summary>
    public static string DimensionName(AudienceDimension dimension) => dimension switch
    {
        AudienceDimension.Category => "Category",
        AudienceDimension.Age => "Age",
        AudienceDimension.Gender => "Gender",
        AudienceDimension.Device => "Device",
        AudienceDimension.Country => "Country",
        _ => "Metro",
    };

    private static void NumberCell(StringBuilder page, double? value, string text) =>
        page.Append("<td class=\"num\" data-value=\"").Append(Html.Value(value)).Append("\">").Append(text).Append("</td>");

    private static double ShareX(double share, double top) => Pad + share / top * (ShareWidth - 2 * Pad);

    private static double IndexX(double index, double top) => Pad + Math.Min(index, top) / top * (IndexWidth - 2 * Pad);

    private static void ShareAxis(StringBuilder page, double top, double step)
    {
        page.Append("<svg class=\"axis\" width=\"").Append(ShareWidth).Append("\" height=\"18\" aria-hidden=\"true\">");
        var ticks = (int)Math.Round(top / step);
        // Every gridline is labelled when there are few; every other one when labels would crowd.
        var every = ticks > 3 ? 2 : 1;
        for (var i = 0; i <= ticks; i += ticks % every == 0 ? every : 1)
        {
            var anchor = i == 0 ? "start" : i == ticks ? "end" : "middle";
            var share = i * step;
            page.Append("<text class=\"tick\" text-anchor=\"").Append(anchor).Append("\" x=\"").Append(Html.N(i == 0 ? 0 : i == ticks ? ShareWidth : ShareX(share, top)))
                .Append("\" y=\"13\">").Append((share * 100).ToString("0.#", CultureInfo.InvariantCulture)).Append("%</text>");
        }
        page.Append("</svg>");
    }

    private static void IndexAxis(StringBuilder page, double top)
    {
        page.Append("<svg class=\"axis\" width=\"").Append(IndexWidth).Append("\" height=\"18\" aria-hidden=\"true\">");
        page.Append("<text class=\"tick\" text-anchor=\"start\" x=\"0\" y=\"13\">0</text>");
        page.Append("<text class=\"tick hundred-label\" text-anchor=\"middle\" x=\"").Append(Html.N(IndexX(100, top))).Append("\" y=\"13\">100</text>");
        page.Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(IndexWidth).Append("\" y=\"13\">").Append(Figures.Index(top)).Append("</text>");
        page.Append("</svg>");
    }

    private static void ShareBars(StringBuilder page, ReportValue value, double top, double step)
    {
        page.Append("<svg width=\"").Append(ShareWidth).Append("\" height=\"").Append(RowHeight).Append("\" aria-hidden=\"true\">");
        var ticks = (int)Math.Round(top / step);
        for (var i = 0; i <= ticks; i++)
        {
            var x = Html.N(ShareX(i * step, top));
            page.Append("<line class=\"grid\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"0\" y2=\"").Append(RowHeight).Append("\"/>");
        }
        if (value.Share is { } share)
            Bar(page, "bar yours", ShareX(0, top), 3, ShareX(share, top) - ShareX(0, top), 8);
        if (value.PinterestShare is { } pinterest)
            Bar(page, "bar pinterest", ShareX(0, top), 13, ShareX(pinterest, top) - ShareX(0, top), 8);
        page.Append("</svg>");
    }

    private static void IndexBar(StringBuilder page, double? index, double top)
    {
        page.Append("<svg width=\"").Append(IndexWidth).Append("\" height=\"").Append(RowHeight).Append("\" aria-hidden=\"true\">");
        var hundred = IndexX(100, top);
        if (index is { } i)
        {
            var x = IndexX(i, top);
            Bar(page, i >= 100 ? "bar over" : "bar under", Math.Min(x, hundred), 6, Math.Abs(x - hundred), 12);
        }
        page.Append("<line class=\"hundred\" x1=\"").Append(Html.N(hundred)).Append("\" x2=\"").Append(Html.N(hundred)).Append("\" y1=\"1\" y2=\"").Append(RowHeight - 1).Append("\"/>");
        page.Append("</svg>");
    }

    private static void Bar(StringBuilder page, string classes, double x, double y, double width, double height) =>
        page.Append("<rect class=\"").Append(classes).Append("\" x=\"").Append(Html.N(x)).Append("\" y=\"").Append(Html.N(y))
            .Append("\" width=\"").Append(Html.N(Math.Max(0, width))).Append("\" height=\"").Append(Html.N(height)).Append("\"/>");

    /// <summary>A round step for about <paramref name="ticks"/> steps over <paramref name="range"/>: 1, 2, 2.5 or 5 times a power of ten.</summary>
    private static double NiceStep(double range, int ticks)
    {
        var raw = range / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        return magnitude * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
    }

    /// <summary>The end of a scale from 0 that holds <paramref name="max"/>: a whole number of round steps, at least <paramref name="least"/>.</summary>
    private static double NiceTop(double max, double least)
    {
        var value = Math.Max(max, least);
        var step = NiceStep(value, 4);
        return Math.Ceiling(value / step - 1e-9) * step;
    }
}
