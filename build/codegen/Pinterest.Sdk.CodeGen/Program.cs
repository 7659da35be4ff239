using Fluid.Values;
using NJsonSchema.CodeGeneration;
using NSwag.Commands;
using Pinterest.Sdk.Build;
using Pinterest.Sdk.CodeGen;

// Usage: Pinterest.Sdk.CodeGen <nswag.json> [NAME=VALUE,...]
// The same document and variables as `dotnet-nswag run <nswag.json> /variables:NAME=VALUE,...`.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: Pinterest.Sdk.CodeGen <nswag.json> [NAME=VALUE,...]");
    return 2;
}

var document = await NSwagDocument.LoadWithTransformationsAsync(args[0], args.Length == 2 ? args[1] : null);
var csharpClient = document.CodeGenerators.OpenApiToCSharpClientCommand
    ?? throw new InvalidOperationException($"{args[0]} has no openApiToCSharpClient generator.");
var openApiFile = document.SelectedSwaggerGenerator is NSwag.Commands.Generation.FromDocumentCommand fromDocument
    ? fromDocument.Url
    : throw new InvalidOperationException($"{args[0]} does not generate from a document.");
csharpClient.Settings.CodeGeneratorSettings.TypeNameGenerator = new SdkTypeNames(await SdkTypeNames.ErrorComponents(openApiFile));

// The templates' C# types and names come from the rules update-spec judges by (SdkCSharp.cs), not from Liquid of their own.
var filters = ((DefaultTemplateFactory)csharpClient.Settings.CodeGeneratorSettings.TemplateFactory).TemplateOptions.Filters;
filters.AddFilter(SdkCSharp.TypeFilter, (input, arguments, _) => Text(SdkCSharp.MemberType(input.ToStringValue(), arguments.At(0).ToStringValue())));
filters.AddFilter(SdkCSharp.PascalCaseFilter, (input, _, _) => Text(SdkCSharp.PascalCase(input.ToStringValue())));

await document.ExecuteAsync();
return 0;

static ValueTask<FluidValue> Text(string text) => new(new StringValue(text));
