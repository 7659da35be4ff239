namespace Pinterest.Sdk.Build;

/// <summary>
/// The SDK's rules for what C# the spec becomes, read by both sides of openapi/: the generator
/// (Pinterest.Sdk.CodeGen hands them to the Liquid templates as the filters <see cref="TypeFilter"/>
/// and <see cref="PascalCaseFilter"/>) and build/update-spec (which names the enum members the overlay
/// does not, and judges a type change by the C# it produces). Compiled into both, like
/// <see cref="SdkExtensionKeys"/>, so a rule changed here changes for both at once.
/// </summary>
internal static class SdkCSharp
{
    /// <summary>The Liquid filter for <see cref="MemberType"/>: <c>{{ csharpType | sdk_csharp_type: format }}</c>.</summary>
    public const string TypeFilter = "sdk_csharp_type";

    /// <summary>The Liquid filter for <see cref="PascalCase"/>: <c>{{ wireName | sdk_pascal_case }}</c>.</summary>
    public const string PascalCaseFilter = "sdk_pascal_case";

    /// <summary>
    /// The C# type of a value of JSON <paramref name="type"/> and <paramref name="format"/>, or
    /// <see langword="null"/> for what NSwag decides alone (objects, arrays, enums, other formats).
    /// An integer without a format is a <see cref="long"/>: JSON Schema's integer has no size, and
    /// Pinterest's counts (audience sizes) outgrow <see cref="int"/>; NSwag alone would say int.
    /// </summary>
    public static string? ScalarType(string? type, string? format) => (type, format ?? "") switch
    {
        ("integer", "" or "int64") => "long",
        ("integer", "int32") => "int",
        ("number", "" or "double") => "double",
        ("number", "float") => "float",
        ("number", "decimal") => "decimal",
        ("boolean", "") => "bool",
        ("string", "") => "string",
        _ => null,
    };

    /// <summary>
    /// The type of a generated member: <paramref name="nswagType"/> (NSwag's, maybe ending in <c>?</c>)
    /// where <see cref="ScalarType"/> has no say, else that. NSwag's scalar names give the JSON type
    /// back (its models do not expose the schema's), and its <c>?</c> is kept.
    /// </summary>
    public static string MemberType(string nswagType, string? format)
    {
        var nullable = nswagType.EndsWith('?');
        var jsonType = nswagType.TrimEnd('?') switch
        {
            "int" or "long" => "integer",
            "double" or "float" or "decimal" => "number",
            "bool" => "boolean",
            "string" => "string",
            _ => null,
        };
        return ScalarType(jsonType, format) is { } type ? type + (nullable ? "?" : "") : nswagType;
    }

    /// <summary>
    /// The C# name of a wire name: split at <c>_ - . </c> and spaces, each word capitalized and joined.
    /// A word in capitals is lowered after its first letter (<c>YOUR_TOTAL_AUDIENCE</c> is
    /// <c>YourTotalAudience</c>); any other word keeps its letters (<c>page_size</c> is <c>PageSize</c>,
    /// <c>adAccount_id</c> is <c>AdAccountId</c>).
    /// </summary>
    public static string PascalCase(string wireName) => string.Concat(
        wireName.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries).Select(word =>
            char.ToUpperInvariant(word[0]) + (word.Any(char.IsLower) ? word[1..] : word[1..].ToLowerInvariant())));

    /// <summary>
    /// Whether a response status (an OpenAPI response key: <c>200</c>, <c>2XX</c>, <c>404</c>,
    /// <c>default</c>) is a success, whose body becomes a public type; any other body is an error the
    /// SDK's error mapping reads.
    /// </summary>
    public static bool IsSuccessStatus(string status) => status.StartsWith('2');
}
