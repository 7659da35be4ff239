using Newtonsoft.Json;

namespace Pinterest.Sdk.Benchmarks.Candidates;

// The leanest models a careful developer writes: numbers and flags as plain fields, so Newtonsoft
// stores each value without a Nullable<T> and without boxing it a second time. (Dtos.cs holds the
// nullable ones most hand-written code has.)
#pragma warning disable CA2227, CA1002 // plain settable lists, as such models are written

public sealed class PlainInsightsDto
{
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("date")] public string? Date { get; set; }
    [JsonProperty("size")] public int Size { get; set; }
    [JsonProperty("size_is_upper_bound")] public bool SizeIsUpperBound { get; set; }
    [JsonProperty("categories")] public List<PlainCategoryDto>? Categories { get; set; }
    [JsonProperty("demographics")] public PlainDemographicsDto? Demographics { get; set; }
}

public sealed class PlainCategoryDto
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("key")] public string? Key { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("ratio")] public double Ratio { get; set; }
    [JsonProperty("index")] public double Index { get; set; }
    [JsonProperty("subcategories")] public List<PlainSubcategoryDto>? Subcategories { get; set; }
}

public sealed class PlainSubcategoryDto
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("key")] public string? Key { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("ratio")] public double Ratio { get; set; }
    [JsonProperty("index")] public double Index { get; set; }
}

public sealed class PlainDemographicsDto
{
    [JsonProperty("ages")] public List<PlainValueDto>? Ages { get; set; }
    [JsonProperty("genders")] public List<PlainValueDto>? Genders { get; set; }
    [JsonProperty("devices")] public List<PlainValueDto>? Devices { get; set; }
    [JsonProperty("countries")] public List<PlainValueDto>? Countries { get; set; }
    [JsonProperty("metros")] public List<PlainValueDto>? Metros { get; set; }
}

public sealed class PlainValueDto
{
    [JsonProperty("key")] public string? Key { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("ratio")] public double Ratio { get; set; }
}
