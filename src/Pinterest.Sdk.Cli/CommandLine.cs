using System.CommandLine;

namespace Pinterest.Sdk.Cli;

/// <summary>The commands, their arguments, and how failures become messages and exit codes.</summary>
internal static class CommandLine
{
    private static readonly string[] TypeNames = ["your-total", "your-engaged", "pinterest-total"];

    public static async Task<int> RunAsync(string[] args)
    {
        var account = new Argument<string>("adAccountId") { Description = "The ad account id (digits), e.g. 549755885175." };
        var type = new Option<string>("--type", "-t")
        {
            Description = "The audience: your-total, your-engaged or pinterest-total.",
            DefaultValueFactory = _ => "your-total",
        };
        type.AcceptOnlyFromAmong(TypeNames);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables and charts." };

        var insights = new Command("insights", "Who an audience is: size, demographics and top interest categories.") { account, type, json };
        insights.SetAction((result, ct) => RunAsync(result.GetValue(json), (session, output, token) =>
            Commands.InsightsAsync(session, output, result.GetValue(account)!, result.GetValue(type)!, ParseType(result.GetValue(type)!), token), ct));

        var audiences = new Command("audiences", "Which audience scopes and types are available for an ad account.") { account, json };
        audiences.SetAction((result, ct) => RunAsync(result.GetValue(json), (session, output, token) =>
            Commands.AudiencesAsync(session, output, result.GetValue(account)!, token), ct));

        var compare = new Command("compare", "Your total and engaged audiences against Pinterest's total audience: where you over- and under-index.") { account, json };
        compare.SetAction((result, ct) => RunAsync(result.GetValue(json), (session, output, token) =>
            Commands.CompareAsync(session, output, result.GetValue(account)!, token), ct));

        var root = new RootCommand(
            "Pinterest audience insights in the terminal.\n\n" +
            "Environment:\n" +
            "  PINTEREST_ACCESS_TOKEN   an OAuth access token with the ads:read scope, to query your ad accounts;\n" +
            "                           without it, sample data from an embedded stub is shown\n" +
            "  PINTEREST_API_BASE_URL   where to send requests with that token (a proxy or a stub);\n" +
            "                           default https://api.pinterest.com/v5/\n\n" +
            "Exit codes: 0 success, 1 Pinterest or the network failed the call, 2 bad arguments or settings.")
        {
            insights, audiences, compare,
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("Run 'pinterest-insights --help' for usage.");
            return ExitCodes.BadArguments;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }

    private static AudienceInsightType ParseType(string name) => name switch
    {
        "your-engaged" => AudienceInsightType.YourEngagedAudience,
        "pinterest-total" => AudienceInsightType.PinterestTotalAudience,
        _ => AudienceInsightType.YourTotalAudience,
    };

    /// <summary>Runs one command against Pinterest or the sample stub, turning failures into a message and an exit code.</summary>
    private static async Task<int> RunAsync(bool json, Func<ApiSession, IOutput, CancellationToken, Task> command, CancellationToken cancellationToken)
    {
        try
        {
            using var session = ApiSession.FromEnvironment(Console.Error);
            if (session.IsSample)
            {
                Console.Error.WriteLine("PINTEREST_ACCESS_TOKEN is not set: showing SAMPLE DATA from the embedded stub, not a real ad account.");
                Console.Error.WriteLine($"Sample ad accounts: {string.Join(", ", session.SampleAdAccountIds)}");
            }
            await command(session, json ? new JsonOutput() : new HumanOutput(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine(e is ArgumentException { ParamName: { } name } a ? a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message);
            return ExitCodes.BadArguments;
        }
        catch (PinterestAuthenticationException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("Check PINTEREST_ACCESS_TOKEN: it must be a current access token with the ads:read scope.");
            return ExitCodes.ApiFailure;
        }
        catch (PinterestApiException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.ApiFailure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled.");
            return ExitCodes.ApiFailure;
        }
    }
}
