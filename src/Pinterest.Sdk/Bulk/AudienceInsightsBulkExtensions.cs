namespace Pinterest.Sdk;

/// <summary>Audience insights for many ad accounts at once, paced by Pinterest's rate limits.</summary>
public static class AudienceInsightsBulkExtensions
{
    /// <summary>
    /// Gets the audience insights of every ad account in <paramref name="adAccountIds"/>, a few calls at
    /// a time, and yields each account's result as it completes (in completion order, not input order).
    /// The run spends the budget of <paramref name="options"/> (default Pinterest's Standard
    /// <c>ads_read</c> budget: 1,000 calls a minute, 100 a second), evenly spaced, and slows further to
    /// the rate Pinterest reports (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>), so it is
    /// rarely throttled. The budget is the credential's (Pinterest meters per token): runs side by side,
    /// on this client or any other calling with the same credential (a wrapper around this one
    /// included), and single calls meanwhile, spend and learn from one budget; together they start calls
    /// no faster than the faster run's budget allows. One account's failure is its result and never stops the others. Two failures
    /// concern every account and stop new calls: a 429 whose reset is beyond
    /// <see cref="PinterestBulkOptions.MaxQuotaWait"/> (a spent daily quota), and a refused token (401);
    /// every account not yet called is then reported with that error and
    /// <see cref="AdAccountResult{T}.WasCalled"/> <see langword="false"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="adAccountIds">The ad accounts (digits only); duplicates are called once.</param>
    /// <param name="audienceInsightType">The audience to get for each account.</param>
    /// <param name="options">Concurrency and budget; default <see cref="PinterestBulkOptions"/>'s defaults.</param>
    /// <param name="cancellationToken">Stops the run: calls in flight are cancelled and the enumeration throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per distinct ad account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="adAccountIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An ad account id is not valid, or an option is out of range; thrown by this call, before any request.</exception>
    /// <example>
    /// <code>
    /// await foreach (var result in client.GetAudienceInsightsForAdAccountsAsync(ids, AudienceInsightType.YourTotalAudience))
    /// {
    ///     if (result.Succeeded)
    ///         Console.WriteLine($"{result.AdAccountId}: {result.Value.Size:N0} people");
    ///     else
    ///         Console.Error.WriteLine($"{result.AdAccountId}: {result.Error.Message}");
    /// }
    /// </code>
    /// </example>
    public static IAsyncEnumerable<AdAccountResult<AudienceInsightsResponse>> GetAudienceInsightsForAdAccountsAsync(
        this IAudienceInsightsClient client,
        IEnumerable<string> adAccountIds,
        AudienceInsightType audienceInsightType,
        PinterestBulkOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(adAccountIds);
        options ??= new PinterestBulkOptions();
        options.Validate();
        var ids = CheckAdAccountIds(adAccountIds, audienceInsightType);
        return BulkRun.RunAsync(
            ids,
            (id, ct) => client.GetAudienceInsightsWithResponseAsync(id, audienceInsightType, ct),
            Copy(options),
            cancellationToken);
    }

    /// <summary>
    /// Checks ad account ids as <see cref="GetAudienceInsightsForAdAccountsAsync"/> does before its first
    /// call (each by the route's own rules), so a caller can refuse a bad list before doing anything else.
    /// </summary>
    /// <param name="adAccountIds">The ad accounts (digits only).</param>
    /// <param name="audienceInsightType">The audience the run would get for each account.</param>
    /// <returns>The ids in their order, each once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="adAccountIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is not valid; the message gives its position in the list (from 1) and why.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="audienceInsightType"/> is not a defined value.</exception>
    public static IReadOnlyList<string> CheckAdAccountIds(IEnumerable<string> adAccountIds, AudienceInsightType audienceInsightType)
    {
        ArgumentNullException.ThrowIfNull(adAccountIds);
        if (EnumWireValues.Of(audienceInsightType) is null)
            throw ArgumentChecks.NotDefined(nameof(audienceInsightType), audienceInsightType);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        var position = 0;
        foreach (var id in adAccountIds)
        {
            try
            {
                AudienceInsightsClient.CheckGetAudienceInsightsArguments(id, audienceInsightType);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Ad account id #{position + 1} is not valid: {ArgumentChecks.Reason(e)}", nameof(adAccountIds), e);
            }
            if (seen.Add(id))
                ids.Add(id);
            position++;
        }
        return ids;
    }

    // The run reads the settings as they were when it started.
    private static PinterestBulkOptions Copy(PinterestBulkOptions options) => new()
    {
        MaxConcurrency = options.MaxConcurrency,
        CallsPerMinute = options.CallsPerMinute,
        CallsPerSecond = options.CallsPerSecond,
        MaxQuotaWait = options.MaxQuotaWait,
    };
}
