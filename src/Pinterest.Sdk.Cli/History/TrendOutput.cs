using Newtonsoft.Json;
using Spectre.Console;

namespace Pinterest.Sdk.Cli.History;

/// <summary>A trend shown: a table with a small chart of each value's path for people, a camelCase document for programs.</summary>
internal static class TrendOutput
{
    private const string Bars = "▁▂▃▄▅▆▇█";
    private const int ChartWidth = 16;

    public static void Human(IAnsiConsole console, AudienceTrend trend, bool sample)
    {
        console.Write(new Rule($"[bold]Trend[/] of ad account {trend.AdAccountId}{(sample ? " [yellow]SAMPLE DATA[/]" : "")}").LeftJustified());
        console.MarkupLine($"{Describe(trend.Type)}, by {trend.Dimension}.");
        if (trend.Sizes.Count == 0)
        {
            console.MarkupLine("No snapshot in the range.");
            return;
        }
        if (trend.Sizes.Count == 1)
            console.MarkupLine($"Only one snapshot ({Day(trend.FirstDate)}): no trend yet. Here it is; snapshot again on a later day to see the change.");
        else
            console.MarkupLine($"{trend.Sizes.Count} snapshots, {Day(trend.FirstDate)} to {Day(trend.LastDate)}.");

        var first = trend.Sizes[0].Size;
        var last = trend.Sizes[^1].Size;
        var sizeChange = first is > 0 && last is { } l && trend.Sizes.Count > 1 ? $"  ({Figures.Percent((l - first.Value) * 100.0 / first.Value)})" : "";
        console.MarkupLine($"Audience size: [bold]{Number(first)}[/] → [bold]{Number(last)}[/]{sizeChange}  {Chart(trend.Sizes.Select(s => (double?)s.Size).ToList())}");
        console.WriteLine();

        var table = new Table().Title($"[bold]{Capitalized(trend.Dimension)} values, biggest moves first[/]")
            .Caption($"Share and index: {Day(trend.FirstDate)} → {Day(trend.LastDate)}; change in percentage points; path: the share over time.")
            .AddColumns("Value", "Share", "Change", "Index", "Path");
        foreach (var value in trend.Values)
        {
            var change = value.ChangePoints is { } c ? $"[{(c > 0 ? "green" : c < 0 ? "red" : "default")}]{Figures.Points(c)}[/]" : "-";
            var index = value.FirstIndex is null && value.LastIndex is null ? "-" : $"{Index(value.FirstIndex)} → {Index(value.LastIndex)}";
            table.AddRow(Markup.Escape(value.Name), $"{Share(value.FirstShare)} → {Share(value.LastShare)}", change, index, Chart(value.Path.Select(p => p.Share).ToList()));
        }
        console.Write(table);
    }

    public static void Json(TextWriter output, AudienceTrend trend, bool sample)
    {
        using (var writer = new JsonTextWriter(output) { Formatting = Formatting.Indented, CloseOutput = false })
        {
            writer.WriteStartObject();
            Value(writer, "adAccountId", trend.AdAccountId);
            Value(writer, "type", trend.Type);
            Value(writer, "dimension", trend.Dimension);
            Value(writer, "sample", sample);
            Value(writer, "from", Day(trend.FirstDate));
            Value(writer, "to", Day(trend.LastDate));
            Points(writer, "sizes", trend.Sizes, p => p.Date, (w, p) => Value(w, "size", p.Size));
            writer.WritePropertyName("values");
            writer.WriteStartArray();
            foreach (var value in trend.Values)
            {
                writer.WriteStartObject();
                Value(writer, "key", value.Key);
                Value(writer, "name", value.Name);
                foreach (var (name, number) in new[]
                {
                    ("firstShare", value.FirstShare), ("lastShare", value.LastShare), ("changePoints", value.ChangePoints),
                    ("firstIndex", value.FirstIndex), ("lastIndex", value.LastIndex),
                })
                    Value(writer, name, number);
                Points(writer, "path", value.Path, p => p.Date, (w, p) =>
                {
                    Value(w, "share", p.Share);
                    Value(w, "index", p.Index);
                });
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine();
    }

    /// <summary>
    /// A sparkline of at most <see cref="ChartWidth"/> bars: the path averaged into that many stretches,
    /// scaled from its lowest to its highest point (a flat path is a flat line).
    /// </summary>
    public static string Chart(IReadOnlyList<double?> path)
    {
        var points = path.Where(p => p is not null).Select(p => p!.Value).ToList();
        if (points.Count == 0)
            return "";
        var width = Math.Min(ChartWidth, points.Count);
        var buckets = Enumerable.Range(0, width)
            .Select(b => points.Skip(b * points.Count / width).Take(Math.Max(1, ((b + 1) * points.Count / width) - (b * points.Count / width))).Average())
            .ToList();
        var (low, high) = (buckets.Min(), buckets.Max());
        return string.Concat(buckets.Select(v => high - low < 1e-12 ? Bars[3] : Bars[(int)Math.Round((v - low) / (high - low) * (Bars.Length - 1))]));
    }

    /// <summary>A list of dated points: <c>[{"date": …, the point's own fields}, …]</c>.</summary>
    private static void Points<T>(JsonWriter writer, string name, IEnumerable<T> points, Func<T, DateOnly> date, Action<JsonWriter, T> fields)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var point in points)
        {
            writer.WriteStartObject();
            Value(writer, "date", Day(date(point)));
            fields(writer, point);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void Value(JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    private static string Describe(string type) =>
        AudienceInsightTypeExtensions.TryParseWireValue(type, out var known) ? HumanOutput.Describe(known) : Markup.Escape(type);

    private static string Capitalized(string dimension) => char.ToUpperInvariant(dimension[0]) + dimension[1..];

    private static string Day(DateOnly? date) => Figures.Day(date);

    private static string Number(long? value) => Figures.Count(value);

    private static string Share(double? ratio) => Figures.Share(ratio);

    private static string Index(double? index) => Figures.PinterestIndex(index);
}
