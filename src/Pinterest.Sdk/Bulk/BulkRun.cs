using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Pinterest.Sdk;

/// <summary>
/// Runs one call per ad account, at most <see cref="PinterestBulkOptions.MaxConcurrency"/> at once
/// (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>),
/// each started when its credential's budget allows (the client's send path waits for the turn, with
/// the run's spacing: <see cref="BulkPacing"/>), and hands out each account's
/// result as it completes. Results wait in a small channel: a slow reader holds back new calls instead
/// of piling results up in memory. How the run ends is decided in one place, where the calls end and
/// the channel is completed: normally once every result is in it, or with the exception that stopped it.
/// </summary>
internal static class BulkRun
{
    public static async IAsyncEnumerable<AdAccountResult<T>> RunAsync<T>(
        IReadOnlyList<string> adAccountIds,
        Func<string, CancellationToken, Task<PinterestResponse<T>>> call,
        PinterestBulkOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var results = Channel.CreateBounded<AdAccountResult<T>>(new BoundedChannelOptions(options.MaxConcurrency) { SingleReader = true });
        // Cancelled when the caller cancels or stops reading early: calls in flight end with it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new Run<T>(call, options);
        var calls = run.CallEachAsync(adAccountIds, results.Writer, stop.Token);
        try
        {
            // Ends when the calls completed the channel: normally, or by throwing what stopped them.
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                run.Metrics.BulkAccountFinished(result.Succeeded, result.WasCalled);
                yield return result;
            }
        }
        finally
        {
            // Only matters when the reader left early or was cancelled; a finished run has nothing left to stop.
            await stop.CancelAsync().ConfigureAwait(false);
            await calls.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private sealed class Run<T>(
        Func<string, CancellationToken, Task<PinterestResponse<T>>> call,
        PinterestBulkOptions options)
        where T : class
    {
        private volatile PinterestApiException? _stopped;
        private BulkPacing? _pacing;

        private BulkPacing Pacing => _pacing ??= new BulkPacing(PacerBudget.Of(options), () => _stopped);

        /// <summary>
        /// The meter of the client that served the calls (<see cref="BulkPacing.Metrics"/>); the SDK's own
        /// when none reached a client's send path (a caller's stand-in for the client).
        /// </summary>
        public SdkMetrics Metrics => _pacing?.Metrics ?? SdkMetrics.Shared;

        /// <summary>Calls every account, then completes <paramref name="results"/> with how the run ended. Never throws.</summary>
        public async Task CallEachAsync(IReadOnlyList<string> adAccountIds, ChannelWriter<AdAccountResult<T>> results, CancellationToken stop)
        {
            // Off the reader's thread: the reader starts reading while the first calls wait for their turn.
            await Task.Yield();
            Exception? ended = null;
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = stop };
                await Parallel.ForEachAsync(adAccountIds, parallel, async (adAccountId, token) =>
                {
                    var result = await CallOneAsync(adAccountId, token).ConfigureAwait(false);
                    await results.WriteAsync(result, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Cancellation, or what no account's result can hold (a disposed client, a bug in a
                // caller's delegate): the reader throws it once it has read what came before.
                ended = e;
            }
            results.TryComplete(ended);
        }

        /// <summary>One account's result; throws only what is not this account's failure.</summary>
        private async Task<AdAccountResult<T>> CallOneAsync(string adAccountId, CancellationToken cancellationToken)
        {
            if (_stopped is { } before)
                return new AdAccountResult<T>(adAccountId, before, wasCalled: false);
            try
            {
                var response = await Pacing.Run(() => call(adAccountId, cancellationToken)).ConfigureAwait(false);
                return new AdAccountResult<T>(adAccountId, response.Value, response.RequestId);
            }
            catch (BulkRunStoppedException stopped)
            {
                return new AdAccountResult<T>(adAccountId, stopped.Reason, wasCalled: false);
            }
            catch (PinterestApiException e)
            {
                if (StopsTheRun(e))
                    _stopped ??= e;
                return new AdAccountResult<T>(adAccountId, e);
            }
        }

        /// <summary>
        /// A failure no other account can escape: the quota is spent for longer than the run waits, or
        /// the token is refused (after the client's one renewal).
        /// </summary>
        private bool StopsTheRun(PinterestApiException e) =>
            e is PinterestAuthenticationException
            || (e is PinterestRateLimitException && (e.RetryAfter ?? e.RateLimit?.Reset) > options.MaxQuotaWait);
    }
}
