using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Pinterest.Sdk;

/// <summary>
/// Runs one call per ad account, a bounded number at once, each started when the
/// <see cref="RateLimitPacer"/> allows, and hands out each account's result as it completes. Results
/// wait in a small channel: a slow reader holds back new calls instead of piling results up in memory.
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
        using var pacer = new RateLimitPacer(options, TimeProvider.System);
        using var run = new Run<T>(call, options, pacer, results.Writer, stop);
        var producer = run.CallEachAsync(adAccountIds);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return result;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await producer.ConfigureAwait(false);
    }

    private sealed class Run<T>(
        Func<string, CancellationToken, Task<PinterestResponse<T>>> call,
        PinterestBulkOptions options,
        RateLimitPacer pacer,
        ChannelWriter<AdAccountResult<T>> results,
        CancellationTokenSource stop)
        : IDisposable
        where T : class
    {
        private readonly SemaphoreSlim _slots = new(options.MaxConcurrency);
        private volatile PinterestApiException? _stopped;
        private Exception? _fault;

        public async Task CallEachAsync(IReadOnlyList<string> adAccountIds)
        {
            try
            {
                foreach (var adAccountId in adAccountIds)
                {
                    await _slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    if (_stopped is { } reason)
                    {
                        await ReportAsync(new AdAccountResult<T>(adAccountId, reason, wasCalled: false)).ConfigureAwait(false);
                        continue;
                    }
                    long number;
                    try
                    {
                        number = await pacer.WaitForTurnAsync(stop.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        _slots.Release();
                        throw;
                    }
                    _ = CallOneAsync(adAccountId, number);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                // Every slot back: every call has ended (after a stop, promptly: they share its token).
                for (var i = 0; i < options.MaxConcurrency; i++)
                    await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                results.Complete();
            }
            if (Volatile.Read(ref _fault) is { } fault and not OperationCanceledException)
                ExceptionDispatchInfo.Throw(fault);
            stop.Token.ThrowIfCancellationRequested();
        }

        private async Task CallOneAsync(string adAccountId, long number)
        {
            AdAccountResult<T> result;
            try
            {
                var response = await call(adAccountId, stop.Token).ConfigureAwait(false);
                pacer.Observe(number, response.RateLimit);
                result = new AdAccountResult<T>(adAccountId, response.Value, response.RequestId);
            }
            catch (PinterestApiException e)
            {
                pacer.Observe(number, e.RateLimit);
                if (StopsTheRun(e))
                    _stopped ??= e;
                result = new AdAccountResult<T>(adAccountId, e);
            }
            catch (Exception e)
            {
                // Not a failure of this account (the caller cancelled, or disposed the client): the run ends.
                Interlocked.CompareExchange(ref _fault, e, null);
                _slots.Release();
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }
            await ReportAsync(result).ConfigureAwait(false);
        }

        public void Dispose() => _slots.Dispose();

        /// <summary>
        /// A failure no other account can escape: the quota is spent for longer than the run waits, or
        /// the token is refused (after the client's one renewal).
        /// </summary>
        private bool StopsTheRun(PinterestApiException e) =>
            e is PinterestAuthenticationException
            || (e is PinterestRateLimitException && (e.RetryAfter ?? e.RateLimit?.Reset) > options.MaxQuotaWait);

        private async Task ReportAsync(AdAccountResult<T> result)
        {
            try
            {
                await results.WriteAsync(result, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The run was stopped; nobody reads the result.
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}
