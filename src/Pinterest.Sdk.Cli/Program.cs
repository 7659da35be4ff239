using System.Globalization;
using Pinterest.Sdk.Cli;

// Figures print the same everywhere (1,234,567 and 12.3%), whatever the machine's culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return await CommandLine.RunAsync(args);
