using NSwag.Commands;
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

await document.ExecuteAsync();
return 0;
