using Spectre.Console;

namespace Pinterest.Sdk.Cli;

/// <summary>Tables and bar charts (Spectre.Console), with a spinner while a call is under way.</summary>
internal sealed class HumanOutput(IAnsiConsole console) : IOutput
{
    private const int TopRows = 10;

    public Task<T> WhileWaitingAsync<T>(string activity, Func<Task<T>> work) =>
        console.Status().Spinner(Spinner.Known.Dots).StartAsync(activity + "...", _ => work());

    public void Insights(string adAccountId, AudienceInsightsResponse insights)
    {
        console.Write(new Rule($"[bold]{Describe(insights.Type)}[/] of ad account {adAccountId}").LeftJustified());
        console.MarkupLine($"Size: [bold]{Size(insights)}[/]   As of: {Markup.Escape(insights.Date ?? "unknown")}");
        console.WriteLine();

        var demographics = insights.Demographics;
        Chart("Ages", demographics?.Ages, Color.SteelBlue);
        Chart("Genders", demographics?.Genders, Color.MediumPurple);
        Chart("Devices", demographics?.Devices, Color.CadetBlue);
        ShareTable("Top countries", "Country", demographics?.Countries);
        ShareTable("Top metros", "Metro", demographics?.Metros);

        var categories = (insights.Categories ?? []).Where(c => c.Ratio is not null).OrderByDescending(c => c.Ratio).Take(TopRows).ToList();
        if (categories.Count > 0)
        {
            console.Write(new BarChart().Label("[bold]Top interest categories[/] (% of audience)").Width(72)
                .AddItems(categories, c => new BarChartItem(Markup.Escape(c.Name ?? c.Key ?? "?"), Percent(c.Ratio), Color.IndianRed)));
            console.WriteLine();
        }
    }

    public void Audiences(string adAccountId, AudienceDefinitionResponse audiences)
    {
        var table = new Table().Title($"Audiences of ad account {adAccountId}").AddColumns("Scope", "Type", "Date");
        foreach (var item in audiences.Items ?? [])
            table.AddRow(Markup.Escape(item.Scope ?? ""), Markup.Escape(item.Type ?? ""), Markup.Escape(item.Date ?? "-"));
        console.Write(table);
    }

    public void Comparison(AudienceComparison comparison)
    {
        console.Write(new Rule($"[bold]Audience comparison[/] of ad account {comparison.AdAccountId}").LeftJustified());
        var sizes = new Table().AddColumns("Audience", "Size");
        sizes.AddRow("Your total audience", Size(comparison.YourTotal));
        sizes.AddRow("Your engaged audience", Size(comparison.YourEngaged));
        sizes.AddRow("Pinterest total audience", Size(comparison.PinterestTotal));
        console.Write(sizes);
        console.MarkupLine("Index: your share / Pinterest's share x 100. [green]Above 100[/]: your audience over-indexes; [red]below 100[/]: it under-indexes.");
        console.WriteLine();

        console.Write(IndexTable("Interest categories", comparison.Categories));
        var indexed = comparison.Categories.Where(c => c.Index is not null).Take(TopRows).ToList();
        if (indexed.Count > 0)
        {
            console.Write(new BarChart().Label("[bold]Category index[/] (100 = as on Pinterest)").Width(72)
                .AddItems(indexed, c => new BarChartItem(Markup.Escape(c.Name), Math.Round(c.Index!.Value), c.Index >= 100 ? Color.Green : Color.Red)));
            console.WriteLine();
        }

        var over = comparison.Demographics.Where(d => d.Index >= 100).Take(TopRows).ToList();
        var under = comparison.Demographics.Where(d => d.Index < 100).Reverse().Take(5).ToList();
        console.Write(IndexTable("Demographics: most over-indexed", over, showDimension: true));
        console.Write(IndexTable("Demographics: most under-indexed", under, showDimension: true));
    }

    private static Table IndexTable(string title, IReadOnlyList<AudienceIndex> rows, bool showDimension = false)
    {
        var table = new Table().Title($"[bold]{title}[/]");
        if (showDimension)
            table.AddColumn("Dimension");
        table.AddColumns("Value", "Your share", "Engaged share", "Pinterest share", "Index");
        foreach (var row in rows)
        {
            var cells = new List<string>();
            if (showDimension)
                cells.Add(row.Dimension.ToString());
            cells.Add(Markup.Escape(row.Name));
            cells.Add(Share(row.YourShare));
            cells.Add(Share(row.EngagedShare));
            cells.Add(Share(row.PinterestShare));
            cells.Add(row.Index is { } index ? $"[{(index >= 100 ? "green" : "red")}]{Figures.Index(index)}[/]" : "-");
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private void Chart(string title, IReadOnlyList<AudienceDemographicValue>? values, Color color)
    {
        if (values is not { Count: > 0 })
            return;
        console.Write(new BarChart().Label($"[bold]{title}[/] (%)").Width(72)
            .AddItems(values, v => new BarChartItem(Markup.Escape(v.Name ?? v.Key ?? "?"), Percent(v.Ratio), color)));
        console.WriteLine();
    }

    private void ShareTable(string title, string column, IReadOnlyList<AudienceDemographicValue>? values)
    {
        if (values is not { Count: > 0 })
            return;
        var table = new Table().Title($"[bold]{title}[/]").AddColumns(column, "Share");
        foreach (var value in values.OrderByDescending(v => v.Ratio).Take(TopRows))
            table.AddRow(Markup.Escape(value.Name ?? value.Key ?? "?"), Share(value.Ratio));
        console.Write(table);
    }

    public static string Describe(AudienceInsightType? type) => type switch
    {
        AudienceInsightType.YourTotalAudience => "Your total audience",
        AudienceInsightType.YourEngagedAudience => "Your engaged audience",
        AudienceInsightType.PinterestTotalAudience => "Pinterest total audience",
        _ => "Audience",
    };

    private static string Size(AudienceInsightsResponse insights) => Figures.Size(insights.Size, insights.SizeIsUpperBound);

    private static double Percent(double? ratio) => Math.Round((ratio ?? 0) * 100, 1);

    private static string Share(double? ratio) => Figures.Share(ratio);
}
