namespace Pinterest.Sdk.Build;

/// <summary>
/// The keys build/update-spec writes into openapi/ from the overlay and the generator reads: one
/// spelling for both sides, compiled into UpdateSpec and Pinterest.Sdk.CodeGen (it lives beside the
/// generator, so a copy of build/codegen builds alone); Class.liquid reads <see cref="CSharpType"/> by name.
/// </summary>
internal static class SdkExtensionKeys
{
    /// <summary>The C# name the SDK gives a schema, whatever upstream's component key or placement.</summary>
    public const string TypeName = "x-sdk-type-name";

    /// <summary>The C# type the SDK keeps for a property upstream widened.</summary>
    public const string CSharpType = "x-sdk-csharp-type";

    /// <summary>
    /// Pinterest's words on a deprecation, kept by update-spec for <c>[Obsolete]</c> (NJsonSchema's key
    /// for JsonSchema.DeprecatedMessage; Sdk.Doc.Exceptions.liquid reads it on operations by name).
    /// </summary>
    public const string DeprecatedMessage = "x-deprecatedMessage";
}
