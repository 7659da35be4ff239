using System.CommandLine;
using System.Globalization;
using Pinterest.Sdk.Cli.Login;

namespace Pinterest.Sdk.Cli;

/// <summary>The commands, their arguments, and how failures become messages and exit codes.</summary>
internal static class CommandLine
{
    private static readonly string[] TypeNames = ["your-total", "your-engaged", "pinterest-total"];

    /// <summary>Runs the command <paramref name="args"/> name in <paramref name="context"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        // Figures print the same everywhere (1,234,567 and 12.3%), whatever the machine's culture;
        // the culture flows with this call only.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        var account = new Argument<string>("adAccountId") { Description = "The ad account id (digits), e.g. 549755885175." };
        var type = TypeOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables and charts." };

        var insights = new Command("insights", "Who an audience is: size, demographics and top interest categories.") { account, type, json };
        insights.SetAction((result, ct) => RunAsync(context, result.GetValue(json), (session, output, token) =>
            Commands.InsightsAsync(session, output, result.GetValue(account)!, result.GetValue(type)!, ParseType(result.GetValue(type)!), token), ct));

        var audiences = new Command("audiences", "Which audience scopes and types are available for an ad account.") { account, json };
        audiences.SetAction((result, ct) => RunAsync(context, result.GetValue(json), (session, output, token) =>
            Commands.AudiencesAsync(session, output, result.GetValue(account)!, token), ct));

        var compare = new Command("compare", "Your total and engaged audiences against Pinterest's total audience: where you over- and under-index.") { account, json };
        compare.SetAction((result, ct) => RunAsync(context, result.GetValue(json), (session, output, token) =>
            Commands.CompareAsync(session, output, result.GetValue(account)!, token), ct));

        var export = ExportCommandLine(context);
        var snapshot = SnapshotCommandLine(context);
        var trend = TrendCommandLine(context);
        var report = ReportCommandLine(context);
        var (login, logout) = LoginCommandLine(context);

        var root = new RootCommand(
            "Pinterest audience insights in the terminal.\n\n" +
            "Which token is used: PINTEREST_ACCESS_TOKEN when it is set; else the login 'pinterest-insights login'\n" +
            $"stored in {context.LoginStore.FilePath} (renewed with PINTEREST_APP_ID and PINTEREST_APP_SECRET);\n" +
            "else built-in sample data is shown.\n\n" +
            "Environment:\n" +
            "  PINTEREST_ACCESS_TOKEN   an OAuth access token with the ads:read scope, to query your ad accounts\n" +
            "  PINTEREST_APP_ID         your Pinterest app's id, for login and for renewing the stored login\n" +
            "  PINTEREST_APP_SECRET     your Pinterest app's secret key (never passed on the command line)\n" +
            "  PINTEREST_API_BASE_URL   where to send requests (a proxy or a stub), and so where tokens come from;\n" +
            "                           default https://api.pinterest.com/v5/\n" +
            "  PINTEREST_OAUTH_URL      the authorization page login sends you to; default https://www.pinterest.com/oauth/\n" +
            "  PINTEREST_REDIS          a Redis (StackExchange.Redis connection string, such as redis.internal:6379) through\n" +
            "                           which every process on the same token takes its turns from one rate-limit budget\n\n" +
            "Exit codes: 0 success, 1 Pinterest or the network failed the call, 2 bad arguments or settings.")
        {
            insights, audiences, compare, export, snapshot, trend, report, login, logout,
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                context.Error.WriteLine(error.Message);
            context.Error.WriteLine("Run 'pinterest-insights --help' for usage.");
            return ExitCodes.BadArguments;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Out, Error = context.Error }).ConfigureAwait(false);
    }

    /// <summary>The options <c>export</c> and <c>snapshot</c> share: which accounts, which types, and the budget.</summary>
    private sealed class BulkOptions
    {
        public Option<string[]> Types { get; } = new("--type", "-t")
        {
            Description = "The audiences: your-total, your-engaged, pinterest-total, several (repeat the option or separate them with commas), or all.",
            DefaultValueFactory = _ => ["your-total"],
        };

        public Argument<string[]> Accounts { get; } = new("adAccountId") { Description = "Ad account ids (digits); more can come from --accounts-file.", Arity = ArgumentArity.ZeroOrMore };

        public Option<string> File { get; } = new("--accounts-file") { Description = "A file of ad account ids, one per line (# starts a comment, also after an id); - reads standard input." };

        public Option<int> PerMinute { get; } = new("--calls-per-minute") { Description = "The budget to spend; default 1000, Pinterest's Standard ads_read limit.", DefaultValueFactory = _ => PinterestBulkOptions.DefaultCallsPerMinute };

        public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Calls at once; default 8.", DefaultValueFactory = _ => PinterestBulkOptions.DefaultMaxConcurrency };

        public BulkOptions()
        {
            Types.Validators.Add(result =>
            {
                foreach (var name in TypeList(result.GetValueOrDefault<string[]>() ?? []).Where(n => n != "all" && !TypeNames.Contains(n)))
                    result.AddError($"--type {name}: not an audience type; use your-total, your-engaged, pinterest-total or all.");
            });
            AtLeastOne(PerMinute);
            AtLeastOne(Concurrency);
        }

        public void AddTo(Command command)
        {
            command.Add(Accounts);
            command.Add(File);
            command.Add(Types);
            command.Add(PerMinute);
            command.Add(Concurrency);
        }
    }

    private static Command ExportCommandLine(CliContext context)
    {
        var bulk = new BulkOptions();
        var format = new Option<string>("--format")
        {
            Description = "jsonl: one JSON object per account and type; csv: one row per account, type, dimension and value, each with the audience's size; " +
                "parquet: the same rows with typed columns and fetched_at, for DuckDB, Spark, BigQuery and Snowflake.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong([.. Export.ExportFormat.Options]);
        var output = new Option<string>("--output", "-o") { Description = "The file to write; default standard output." };
        var resume = new Option<bool>("--resume") { Description = "Skip the accounts and types already in the --output file (one an interruption cut short is exported again) and append the rest." };

        var export = new Command("export",
            "Audience insights of many ad accounts into one file, paced by Pinterest's rate limits. " +
            "Exit code 1 when some accounts failed (each is named in the summary) or the output could not be written.")
        {
            format, output, resume,
        };
        bulk.AddTo(export);
        export.SetAction((result, ct) => RunAsync(context, (session, token) => Export.ExportCommand.RunAsync(context, session, new Export.ExportRequest(
            result.GetValue(bulk.Accounts) ?? [],
            result.GetValue(bulk.File),
            ParseTypes(result.GetValue(bulk.Types) ?? []),
            Export.ExportFormat.FromOption(result.GetValue(format)!),
            result.GetValue(output),
            result.GetValue(resume),
            result.GetValue(bulk.PerMinute),
            result.GetValue(bulk.Concurrency)), token), ct));
        return export;
    }

    private static Option<string> StoreOption(CliContext context) =>
        new("--store") { Description = $"The history store, a folder; default {context.DefaultHistoryStore}." };

    private static Command SnapshotCommandLine(CliContext context)
    {
        var bulk = new BulkOptions();
        var store = StoreOption(context);
        var import = new Option<string[]>("--import")
        {
            Description = "Instead of calling Pinterest, store the audiences of an earlier 'export --format jsonl' file (- for standard input; repeatable). " +
                "Importing the same file again changes nothing.",
        };
        var snapshot = new Command("snapshot",
            "Fetch the audiences of ad accounts and append them to the history store (Parquet, partitioned by day), for 'trend' and any warehouse. " +
            "Run it daily from cron, Task Scheduler or a CI schedule; a day's latest snapshot wins, so re-runs never double-count. " +
            "Exit code 1 when some accounts failed or the store could not be written.")
        {
            store, import,
        };
        bulk.AddTo(snapshot);
        snapshot.SetAction((result, ct) =>
        {
            var request = new History.SnapshotRequest(
                result.GetValue(bulk.Accounts) ?? [],
                result.GetValue(bulk.File),
                ParseTypes(result.GetValue(bulk.Types) ?? []),
                result.GetValue(store),
                result.GetValue(import) ?? [],
                result.GetValue(bulk.PerMinute),
                result.GetValue(bulk.Concurrency));
            return request.Imports.Count > 0
                ? Guarded(context, () => History.SnapshotCommand.ImportAsync(context, request, ct))
                : RunAsync(context, (session, token) => History.SnapshotCommand.RunAsync(context, session, request, token), ct);
        });
        return snapshot;
    }

    private static Command TrendCommandLine(CliContext context)
    {
        var account = new Argument<string>("adAccountId") { Description = "The ad account id (digits), e.g. 549755885175." };
        var type = TypeOption();
        var dimension = new Option<string>("--dimension", "-d")
        {
            Description = "The values to follow: categories, subcategories, ages, genders, countries, metros or devices.",
            DefaultValueFactory = _ => "categories",
        };
        dimension.AcceptOnlyFromAmong([.. Dimensions.Keys]);
        var from = DateOption("--from", "The first snapshot day to include (YYYY-MM-DD); default the earliest.");
        var to = DateOption("--to", "The last snapshot day to include (YYYY-MM-DD); default the latest.");
        var store = StoreOption(context);
        var skipDamaged = new Option<bool>("--skip-damaged") { Description = "Read on past damaged or foreign files in the store (each is named) instead of stopping." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables and charts." };
        var trend = new Command("trend",
            "How an ad account's audience moved over the stored snapshots: each value's share and index at the first and last snapshot, the change, " +
            "and its path; the audience size over time. Without a token or a store, a sample account shows a SAMPLE history.")
        {
            account, type, dimension, from, to, store, skipDamaged, json,
        };
        trend.SetAction((result, ct) => Guarded(context, () => History.TrendCommand.RunAsync(context, new History.TrendRequest(
            result.GetValue(account)!,
            ParseType(result.GetValue(type)!),
            Dimensions[result.GetValue(dimension)!],
            result.GetValue(from),
            result.GetValue(to),
            result.GetValue(store),
            result.GetValue(skipDamaged),
            result.GetValue(json)), ct)));
        return trend;
    }

    private static Command ReportCommandLine(CliContext context)
    {
        var account = new Argument<string>("adAccountId") { Description = "The ad account id (digits), e.g. 549755885175." };
        var type = new Option<string>("--type", "-t")
        {
            Description = "Your audience to set against Pinterest's total audience: your-total or your-engaged.",
            DefaultValueFactory = _ => "your-total",
        };
        type.AcceptOnlyFromAmong("your-total", "your-engaged");
        var output = new Option<string>("--output", "-o") { Description = "The file to write; default pinterest-audience-<adAccountId>-<date>.html in the current folder." };
        var store = StoreOption(context);
        var skipDamaged = new Option<bool>("--skip-damaged") { Description = "Read on past damaged or foreign files in the store (each is named) instead of stopping." };
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser once it is written." };
        var report = new Command("report",
            "One self-contained HTML page of charts, to attach, open on a phone or print: the audience sizes; interest categories, ages, genders, " +
            "devices, top countries and metros, your share against Pinterest's with the index; the most over- and under-indexed values; and, when " +
            "the history store holds more than one snapshot, how the size and the top movers moved. It needs no network to open. " +
            "Without a token, a sample account shows SAMPLE DATA and a SAMPLE history.")
        {
            account, type, output, store, skipDamaged, open,
        };
        report.SetAction((result, ct) => RunAsync(context, (session, token) => Report.ReportCommand.RunAsync(context, session, new Report.ReportRequest(
            result.GetValue(account)!,
            ParseType(result.GetValue(type)!),
            result.GetValue(output),
            result.GetValue(store),
            result.GetValue(skipDamaged),
            result.GetValue(open)), token), ct));
        return report;
    }

    /// <summary>The <c>--dimension</c> values and the row dimension each follows.</summary>
    private static readonly Dictionary<string, string> Dimensions = new(StringComparer.Ordinal)
    {
        ["categories"] = AudienceRowDimension.Category,
        ["subcategories"] = AudienceRowDimension.Subcategory,
        ["ages"] = AudienceRowDimension.Age,
        ["genders"] = AudienceRowDimension.Gender,
        ["countries"] = AudienceRowDimension.Country,
        ["metros"] = AudienceRowDimension.Metro,
        ["devices"] = AudienceRowDimension.Device,
    };

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (AudienceRow.ParseDate(text) is { } date)
                return date;
            result.AddError($"{name} {text}: not a date; use YYYY-MM-DD.");
            return null;
        },
    };

    private static Option<string> TypeOption()
    {
        var type = new Option<string>("--type", "-t")
        {
            Description = "The audience: your-total, your-engaged or pinterest-total.",
            DefaultValueFactory = _ => "your-total",
        };
        type.AcceptOnlyFromAmong(TypeNames);
        return type;
    }

    private static (Command Login, Command Logout) LoginCommandLine(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The port of the redirect URI http://localhost:PORT/, as registered in your app; default 8085.", DefaultValueFactory = _ => 8085 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                result.AddError("--port must be between 1 and 65535.");
        });
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the authorization address instead of opening a browser (for a remote shell; open it on this computer)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for Pinterest's answer, up to a day; default 300.", DefaultValueFactory = _ => (int)LoginCommand.DefaultTimeout.TotalSeconds };
        timeout.Validators.Add(result =>
        {
            // Refused here, before anything is listened on or printed, rather than after the address is
            // handed out. A day is far beyond a person's patience and far within what a timer can wait.
            if (result.GetValueOrDefault<int>() is < 1 or > LoginCommand.LongestTimeoutSeconds)
                result.AddError($"--timeout must be between 1 and {LoginCommand.LongestTimeoutSeconds} seconds (a day).");
        });

        var login = new Command("login",
            "Log in to Pinterest in the browser and store the tokens, so commands work without PINTEREST_ACCESS_TOKEN. " +
            "Needs PINTEREST_APP_ID and PINTEREST_APP_SECRET, and http://localhost:PORT/ registered as a redirect URI of the app. " +
            $"The tokens go to {context.LoginStore.FilePath}, readable by you only.")
        {
            port, noBrowser, timeout,
        };
        login.SetAction((result, ct) => Guarded(context, () => LoginCommand.RunAsync(context, result.GetValue(port), !result.GetValue(noBrowser), TimeSpan.FromSeconds(result.GetValue(timeout)), ct)));

        var logout = new Command("logout", $"Delete the stored login ({context.LoginStore.FilePath}).");
        logout.SetAction((_, _) => Guarded(context, () => Task.FromResult(LoginCommand.Logout(context))));
        return (login, logout);
    }

    /// <summary>Refused while parsing, so the message names the option the user typed.</summary>
    private static void AtLeastOne(Option<int> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < 1)
            result.AddError($"{option.Name} must be at least 1.");
    });

    /// <summary>The names given to repeated <c>--type</c> options, split at commas.</summary>
    private static IEnumerable<string> TypeList(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The types asked for, each once, in the order given; <c>all</c> is the three.</summary>
    private static List<AudienceInsightType> ParseTypes(IEnumerable<string> values) =>
        TypeList(values).SelectMany(n => n == "all" ? TypeNames : [n]).Distinct().Select(ParseType).ToList();

    private static AudienceInsightType ParseType(string name) => name switch
    {
        "your-engaged" => AudienceInsightType.YourEngagedAudience,
        "pinterest-total" => AudienceInsightType.PinterestTotalAudience,
        _ => AudienceInsightType.YourTotalAudience,
    };

    /// <summary>Runs one of the single-account commands, showing its result as tables or JSON.</summary>
    private static Task<int> RunAsync(CliContext context, bool json, Func<ApiSession, IOutput, CancellationToken, Task> command, CancellationToken cancellationToken) =>
        RunAsync(context, async (session, token) =>
        {
            await command(session, json ? new JsonOutput(context.Out) : new HumanOutput(context.CreateConsole()), token).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken);

    /// <summary>Runs one command against Pinterest or the sample data, turning failures into a message and an exit code.</summary>
    private static Task<int> RunAsync(CliContext context, Func<ApiSession, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        ApiSession? session = null;
        return Guarded(context, async () =>
        {
            await using (session = ApiSession.Open(context))
            {
                if (session.IsSample)
                {
                    context.Error.WriteLine("PINTEREST_ACCESS_TOKEN is not set and there is no stored login: showing built-in SAMPLE DATA, not a real ad account.");
                    context.Error.WriteLine($"Sample ad accounts: {string.Join(", ", session.SampleAdAccountIds)}");
                }
                return await command(session, cancellationToken).ConfigureAwait(false);
            }
        }, () => session?.AuthenticationAdvice);
    }

    private static Exception? StoreFailure(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => e,
        InvalidOperationException { InnerException: IOException or UnauthorizedAccessException } => e.InnerException,
        _ => null,
    };

    /// <summary>Runs a command, turning failures into a message and an exit code (never a stack trace).</summary>
    /// <param name="context">Where the message goes.</param>
    /// <param name="command">The command.</param>
    /// <param name="authenticationAdvice">What to do when Pinterest refuses the token, if the command used one.</param>
    private static async Task<int> Guarded(CliContext context, Func<Task<int>> command, Func<string?>? authenticationAdvice = null)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or Login.LoginStoreException)
        {
            context.Error.WriteLine(e is ArgumentException a ? ArgumentMessages.Of(a) : e.Message);
            return ExitCodes.BadArguments;
        }
        catch (PinterestAuthenticationException e)
        {
            context.Error.WriteLine(e.Message);
            if (authenticationAdvice?.Invoke() is { Length: > 0 } advice)
                context.Error.WriteLine(advice);
            return ExitCodes.ApiFailure;
        }
        catch (PinterestApiException e)
        {
            context.Error.WriteLine(e.Message);
            return ExitCodes.ApiFailure;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("Cancelled.");
            return ExitCodes.ApiFailure;
        }
        catch (Exception e) when (StoreFailure(e) is { } failure)
        {
            // The stored login could not be read or written (a read-only or full disk, say), also
            // when writing back renewed tokens (the SDK wraps what TokensRefreshed threw).
            context.Error.WriteLine($"Could not use {context.LoginStore.FilePath}: {failure.Message}");
            return ExitCodes.ApiFailure;
        }
    }
}
