using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Benchmarks;

/// <summary>The response bodies every candidate reads, generated deterministically.</summary>
public static class Payloads
{
    /// <summary>The <c>x-pinterest-rid</c> every canned answer carries.</summary>
    public const string RequestId = "0123456789abcdef";

    /// <summary>~16 KB: one category, full demographics (60 countries, 200 metros).</summary>
    public static readonly byte[] Small = Insights(categories: 1, subcategories: 12, countries: 60, metros: 200);

    /// <summary>~40 KB: 20 categories × 12 subcategories, 60 countries, 200 metros.</summary>
    public static readonly byte[] Medium = Insights(categories: 20, subcategories: 12, countries: 60, metros: 200);

    /// <summary>~3 MB: 400 categories × 60 subcategories, 250 countries, 2,000 metros.</summary>
    public static readonly byte[] Large = Insights(categories: 400, subcategories: 60, countries: 250, metros: 2000);

    public static readonly byte[] ScopeAndType = Encoding.UTF8.GetBytes("""
        {"items": [
          {"date": "2026-11-01", "scope": "PARTNER", "type": "IMPRESSION_PLUS_ENGAGEMENT"},
          {"date": "2026-11-01", "scope": "PINTEREST", "type": "ENGAGEMENT"},
          {"date": null, "scope": "PARTNER", "type": "ENGAGEMENT"}
        ]}
        """);

    public static readonly byte[] NotFound = Encoding.UTF8.GetBytes("""{"code": 2950, "message": "Ad account not found."}""");

    public static byte[] For(string name) => name switch
    {
        "small" => Small,
        "medium" => Medium,
        "large" => Large,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "small, medium or large"),
    };

    private static byte[] Insights(int categories, int subcategories, int countries, int metros)
    {
        var random = new Random(20261122);
        double Ratio() => Math.Round(random.NextDouble(), 4);
        string Id() => random.NextInt64(900_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        object Value(string key, string name) => new { key, name, ratio = Ratio() };

        var body = new
        {
            type = "YOUR_TOTAL_AUDIENCE",
            date = "2026-11-01",
            size = 1_757_530,
            size_is_upper_bound = true,
            categories = Enumerable.Range(0, categories).Select(c =>
            {
                var id = Id();
                return new
                {
                    id,
                    key = id,
                    name = "category " + c.ToString(CultureInfo.InvariantCulture),
                    ratio = Ratio(),
                    index = Math.Round(0.5 + random.NextDouble() * 1.5, 2),
                    subcategories = Enumerable.Range(0, subcategories).Select(s =>
                    {
                        var subId = Id();
                        return new { id = subId, key = subId, name = $"subcategory {c}.{s}", ratio = Ratio(), index = Math.Round(0.5 + random.NextDouble() * 1.5, 2) };
                    }).ToList(),
                };
            }).ToList(),
            demographics = new
            {
                ages = new[] { "18-24", "25-34", "35-44", "45-49", "50-54", "55-64", "65+" }.Select(a => Value(a, a)).ToList(),
                genders = new[] { "female", "male", "unspecified" }.Select(g => Value(g, g)).ToList(),
                devices = new[] { "iphone", "android_mobile", "web", "ipad", "android_tablet" }.Select(d => Value(d, d)).ToList(),
                countries = Enumerable.Range(0, countries).Select(i => Value($"c{i}", $"Country number {i}")).ToList(),
                metros = Enumerable.Range(0, metros).Select(i => Value((500 + i).ToString(CultureInfo.InvariantCulture), $"Metro area number {i}, ST")).ToList(),
            },
        };
        return Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(body));
    }
}
