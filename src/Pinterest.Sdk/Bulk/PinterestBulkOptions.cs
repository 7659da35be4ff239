namespace Pinterest.Sdk;

/// <summary>
/// How a bulk operation such as
/// <see cref="AudienceInsightsBulkExtensions.GetAudienceInsightsForAdAccountsAsync"/> spends Pinterest's
/// rate-limit budget. The defaults are Pinterest's Standard access for the <c>ads_read</c> category;
/// on Trial access (1,000 calls a day) the run stops when the day's quota is spent.
/// </summary>
public sealed class PinterestBulkOptions
{
    /// <summary>The default of <see cref="MaxConcurrency"/>: 8 calls at once.</summary>
    public const int DefaultMaxConcurrency = 8;

    /// <summary>The default of <see cref="CallsPerMinute"/>: Pinterest's Standard <c>ads_read</c> budget, 1,000 a minute per user per app.</summary>
    public const int DefaultCallsPerMinute = 1000;

    /// <summary>The default of <see cref="CallsPerSecond"/>: Pinterest's overall limit, 100 a second per user per app.</summary>
    public const int DefaultCallsPerSecond = 100;

    /// <summary>The default of <see cref="MaxQuotaWait"/>: one minute.</summary>
    public static readonly TimeSpan DefaultMaxQuotaWait = TimeSpan.FromMinutes(1);

    /// <summary>How many calls run at once; default <see cref="DefaultMaxConcurrency"/>.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>
    /// Calls started per minute at most, spread evenly over the minute; default
    /// <see cref="DefaultCallsPerMinute"/>. Lower it when other programs spend the same user's budget.
    /// </summary>
    public int CallsPerMinute { get; set; } = DefaultCallsPerMinute;

    /// <summary>Calls started per second at most; default <see cref="DefaultCallsPerSecond"/>.</summary>
    public int CallsPerSecond { get; set; } = DefaultCallsPerSecond;

    /// <summary>
    /// The longest rate-limit reset the run waits for. A 429 whose reset is further away (a daily quota
    /// spent: its reset is hours away) stops the run: no further call starts, and every account not yet
    /// called is reported as rate-limited with that reset. Default <see cref="DefaultMaxQuotaWait"/>.
    /// </summary>
    public TimeSpan MaxQuotaWait { get; set; } = DefaultMaxQuotaWait;

    /// <summary>
    /// Checks the settings as a bulk run does before its first call, so a caller can refuse bad settings
    /// before doing anything else (a command checks its options before reading its input).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "PinterestBulkOptions.MaxConcurrency must be at least 1.");
        if (CallsPerMinute < 1)
            throw new ArgumentOutOfRangeException(nameof(CallsPerMinute), CallsPerMinute, "PinterestBulkOptions.CallsPerMinute must be at least 1.");
        if (CallsPerSecond < 1)
            throw new ArgumentOutOfRangeException(nameof(CallsPerSecond), CallsPerSecond, "PinterestBulkOptions.CallsPerSecond must be at least 1.");
        if (MaxQuotaWait < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxQuotaWait), MaxQuotaWait, "PinterestBulkOptions.MaxQuotaWait must not be negative.");
    }
}
