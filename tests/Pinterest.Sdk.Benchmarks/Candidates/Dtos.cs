using System.Text.Json.Serialization;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Benchmarks.Candidates;

// Hand-written models of the two responses, as a developer calling the API without an SDK writes
// them: names mapped for both Newtonsoft.Json and System.Text.Json, the type left a string.
#pragma warning disable CA2227, CA1002 // plain settable lists, as such models are written

public sealed class InsightsDto
{
    [JsonProperty("type"), JsonPropertyName("type")] public string? Type { get; set; }
    [JsonProperty("date"), JsonPropertyName("date")] public string? Date { get; set; }
    [JsonProperty("size"), JsonPropertyName("size")] public int? Size { get; set; }
    [JsonProperty("size_is_upper_bound"), JsonPropertyName("size_is_upper_bound")] public bool? SizeIsUpperBound { get; set; }
    [JsonProperty("categories"), JsonPropertyName("categories")] public List<CategoryDto>? Categories { get; set; }
    [JsonProperty("demographics"), JsonPropertyName("demographics")] public DemographicsDto? Demographics { get; set; }
}

public sealed class CategoryDto
{
    [JsonProperty("id"), JsonPropertyName("id")] public string? Id { get; set; }
    [JsonProperty("key"), JsonPropertyName("key")] public string? Key { get; set; }
    [JsonProperty("name"), JsonPropertyName("name")] public string? Name { get; set; }
    [JsonProperty("ratio"), JsonPropertyName("ratio")] public double? Ratio { get; set; }
    [JsonProperty("index"), JsonPropertyName("index")] public double? Index { get; set; }
    [JsonProperty("subcategories"), JsonPropertyName("subcategories")] public List<SubcategoryDto>? Subcategories { get; set; }
}

public sealed class SubcategoryDto
{
    [JsonProperty("id"), JsonPropertyName("id")] public string? Id { get; set; }
    [JsonProperty("key"), JsonPropertyName("key")] public string? Key { get; set; }
    [JsonProperty("name"), JsonPropertyName("name")] public string? Name { get; set; }
    [JsonProperty("ratio"), JsonPropertyName("ratio")] public double? Ratio { get; set; }
    [JsonProperty("index"), JsonPropertyName("index")] public double? Index { get; set; }
}

public sealed class DemographicsDto
{
    [JsonProperty("ages"), JsonPropertyName("ages")] public List<ValueDto>? Ages { get; set; }
    [JsonProperty("genders"), JsonPropertyName("genders")] public List<ValueDto>? Genders { get; set; }
    [JsonProperty("devices"), JsonPropertyName("devices")] public List<ValueDto>? Devices { get; set; }
    [JsonProperty("countries"), JsonPropertyName("countries")] public List<ValueDto>? Countries { get; set; }
    [JsonProperty("metros"), JsonPropertyName("metros")] public List<ValueDto>? Metros { get; set; }
}

public sealed class ValueDto
{
    [JsonProperty("key"), JsonPropertyName("key")] public string? Key { get; set; }
    [JsonProperty("name"), JsonPropertyName("name")] public string? Name { get; set; }
    [JsonProperty("ratio"), JsonPropertyName("ratio")] public double? Ratio { get; set; }
}

public sealed class DefinitionsDto
{
    [JsonProperty("items"), JsonPropertyName("items")] public List<DefinitionDto>? Items { get; set; }
}

public sealed class DefinitionDto
{
    [JsonProperty("date"), JsonPropertyName("date")] public string? Date { get; set; }
    [JsonProperty("scope"), JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonProperty("type"), JsonPropertyName("type")] public string? Type { get; set; }
}

public sealed class ErrorDto
{
    [JsonProperty("code"), JsonPropertyName("code")] public int? Code { get; set; }
    [JsonProperty("message"), JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary>The hand-written candidates' failure: status, Pinterest's code and message.</summary>
public sealed class HandWrittenApiException(int status, int? code, string? message) : Exception($"HTTP {status}: {message} (code {code})")
{
    public int Status { get; } = status;
    public int? Code { get; } = code;
}
