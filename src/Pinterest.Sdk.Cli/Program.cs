using Pinterest.Sdk.Cli;

return await CommandLine.RunAsync(args, CliContext.FromProcess());
