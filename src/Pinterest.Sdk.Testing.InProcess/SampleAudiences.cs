using System.Globalization;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// Deterministic, internally consistent sample audiences. Pinterest's total audience is one
/// platform-wide distribution; each ad account's audience skews it by a seeded profile, and its
/// engaged audience skews it further. Every demographic list is normalised so its ratios sum to 1.
/// </summary>
internal static class SampleAudiences
{
    private static readonly (string Key, string Name, double Weight)[] Ages =
        [("18-24", "18-24", 0.19), ("25-34", "25-34", 0.27), ("35-44", "35-44", 0.2), ("45-49", "45-49", 0.09), ("50-54", "50-54", 0.08), ("55-64", "55-64", 0.11), ("65+", "65+", 0.06)];

    private static readonly (string Key, string Name, double Weight)[] Genders =
        [("female", "Female", 0.62), ("male", "Male", 0.31), ("unspecified", "Unspecified", 0.07)];

    private static readonly (string Key, string Name, double Weight)[] Devices =
        [("iphone", "iPhone", 0.34), ("android_mobile", "Android mobile", 0.36), ("web", "Web", 0.18), ("ipad", "iPad", 0.07), ("android_tablet", "Android tablet", 0.05)];

    private static readonly (string Key, string Name, double Weight)[] Countries =
        [("us", "United States", 0.36), ("br", "Brazil", 0.1), ("mx", "Mexico", 0.07), ("de", "Germany", 0.06), ("gb", "United Kingdom", 0.06), ("fr", "France", 0.05),
         ("ca", "Canada", 0.04), ("it", "Italy", 0.04), ("es", "Spain", 0.04), ("in", "India", 0.05), ("jp", "Japan", 0.03), ("au", "Australia", 0.03), ("ar", "Argentina", 0.03)];

    private static readonly (string Key, string Name, double Weight)[] Metros =
        [("501", "New York, NY", 0.08), ("803", "Los Angeles, CA", 0.06), ("602", "Chicago, IL", 0.04), ("504", "Philadelphia, PA", 0.03), ("623", "Dallas-Ft. Worth, TX", 0.03),
         ("807", "San Francisco-Oakland-San Jose, CA", 0.03), ("511", "Washington, DC", 0.03), ("618", "Houston, TX", 0.03), ("524", "Atlanta, GA", 0.025), ("506", "Boston, MA", 0.025)];

    private static readonly (string Key, string Name, double Ratio, (string Key, string Name)[] Subcategories)[] Categories =
    [
        ("918530398158", "home decor", 0.41, [("958862518888", "living room decor"), ("917402342142", "bedroom ideas"), ("935541271956", "kitchen design")]),
        ("935541271955", "food and drinks", 0.46, [("951468716912", "recipes"), ("920236059316", "baking"), ("961238559656", "healthy eating")]),
        ("924581335376", "travel", 0.27, [("905661505034", "travel destinations"), ("938132231549", "travel tips"), ("917934478361", "beach holidays")]),
        ("941870572865", "womens fashion", 0.38, [("928321547891", "summer outfits"), ("949271320041", "street style"), ("914386270557", "shoes")]),
        ("948967005229", "diy and crafts", 0.24, [("961086295553", "crafts for kids"), ("907429451274", "paper crafts")]),
        ("902083475638", "beauty", 0.31, [("934876475639", "makeup"), ("912540261376", "hair styles"), ("926478302187", "nail art")]),
        ("919812032692", "health", 0.19, [("906143718326", "fitness"), ("943815230946", "mental health")]),
        ("912093217488", "wedding", 0.12, [("945621908372", "wedding dresses"), ("931207658291", "wedding decorations")]),
        ("918105274963", "architecture", 0.09, [("927310485619", "modern architecture"), ("903874162057", "interior architecture")]),
        ("920857364215", "garden", 0.16, [("938561027483", "vegetable garden"), ("916204839572", "garden design"), ("909327461850", "indoor plants")]),
    ];

    /// <summary>The ad accounts the stub knows, each with its own audience profile.</summary>
    public static readonly IReadOnlyList<string> AdAccountIds = ["549755885175", "549755885176", "549755885177"];

    private const int PinterestTotalSize = 522_000_000;

    public static AudienceInsightsResponse Insights(string adAccountId, AudienceInsightType type, DateOnly date)
    {
        var skew = type == AudienceInsightType.PinterestTotalAudience ? 0 : type == AudienceInsightType.YourEngagedAudience ? 1.6 : 1.0;
        var seed = new Seed(adAccountId);
        var size = type switch
        {
            AudienceInsightType.PinterestTotalAudience => PinterestTotalSize,
            AudienceInsightType.YourTotalAudience => 1_200_000 + seed.Next(3_600_000),
            _ => (1_200_000 + seed.Next(3_600_000)) / 100 * (8 + seed.Next(17)),
        };
        return new AudienceInsightsResponse
        {
            Type = type,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Size = size,
            SizeIsUpperBound = type != AudienceInsightType.PinterestTotalAudience,
            Categories = [.. Categories.Select(c => Category(adAccountId, c, skew))],
            Demographics = new AudienceDemographics
            {
                Ages = Distribution(adAccountId, "ages", Ages, skew),
                Genders = Distribution(adAccountId, "genders", Genders, skew),
                Devices = Distribution(adAccountId, "devices", Devices, skew),
                Countries = Distribution(adAccountId, "countries", Countries, skew),
                Metros = Distribution(adAccountId, "metros", Metros, skew),
            },
        };
    }

    public static AudienceDefinitionResponse Definitions(DateOnly date) => new()
    {
        Items =
        [
            new AudienceDefinition { Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Scope = "PARTNER", Type = "IMPRESSION_PLUS_ENGAGEMENT" },
            new AudienceDefinition { Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Scope = "PINTEREST", Type = "ENGAGEMENT" },
        ],
    };

    /// <summary>How strongly <paramref name="adAccountId"/>'s audience over- or under-represents a value: 0.45 to 2.2.</summary>
    private static double Affinity(string adAccountId, string dimension, string key) =>
        0.45 + new Seed(adAccountId + "/" + dimension + "/" + key).NextDouble() * 1.75;

    private static List<AudienceDemographicValue> Distribution(string adAccountId, string dimension, (string Key, string Name, double Weight)[] values, double skew)
    {
        var weights = values.Select(v => v.Weight * Math.Pow(Affinity(adAccountId, dimension, v.Key), skew)).ToArray();
        var total = weights.Sum();
        return [.. values.Select((v, i) => new AudienceDemographicValue { Key = v.Key, Name = v.Name, Ratio = Math.Round(weights[i] / total, 4) })];
    }

    private static AudienceCategory Category(string adAccountId, (string Key, string Name, double Ratio, (string Key, string Name)[] Subcategories) category, double skew)
    {
        var index = Math.Pow(Affinity(adAccountId, "categories", category.Key), skew);
        return new AudienceCategory
        {
            Id = category.Key,
            Key = category.Key,
            Name = category.Name,
            Ratio = Math.Round(Math.Min(0.95, category.Ratio * index), 4),
            Index = Math.Round(index, 2),
            Subcategories = [.. category.Subcategories.Select(s =>
            {
                var subIndex = Math.Pow(Affinity(adAccountId, "subcategories", s.Key), skew);
                var baseRatio = 0.2 + new Seed(s.Key).NextDouble() * 0.5;
                return new AudienceSubcategory { Id = s.Key, Key = s.Key, Name = s.Name, Ratio = Math.Round(Math.Min(0.95, baseRatio * subIndex), 4), Index = Math.Round(subIndex, 2) };
            })],
        };
    }

    /// <summary>A small deterministic generator: the same text gives the same numbers on every runtime.</summary>
    private sealed class Seed(string text)
    {
        private ulong _state = Fnv1a(text);

        public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

        private ulong NextULong()
        {
            // SplitMix64.
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong Fnv1a(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text)
                hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }
    }
}
