using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// An options object's <see cref="IRateLimitBudgetStore"/>, as the send path uses it: a store that fails
/// never fails a call. The failed call, and every call for a second after it (on the client's clock),
/// take their turns from the credential's in-process pacer; the first failure of an outage is logged,
/// its end too, and every call that fell back is counted (<c>pinterest.pacer.store.fallbacks</c>).
/// </summary>
internal sealed class SharedBudget(IRateLimitBudgetStore store, TimeProvider clock, ILogger logger, SdkMetrics metrics)
{
    /// <summary>How long after a failure the store is left alone: a dead store costs each call nothing.</summary>
    internal static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private long _retryAfterTimestamp;
    private bool _down;

    public IRateLimitBudgetStore Store => store;

    /// <summary>Whether the store may be asked now (it has not failed in the last <see cref="Pause"/>).</summary>
    public bool Available
    {
        get
        {
            lock (_gate)
                return !_down || clock.GetTimestamp() >= _retryAfterTimestamp;
        }
    }

    /// <summary>The store answered: an outage, if there was one, is over.</summary>
    public void Succeeded()
    {
        if (!Volatile.Read(ref _down))
            return;
        lock (_gate)
        {
            if (!_down)
                return;
            _down = false;
        }
        Log.BudgetStoreBack(logger, store.GetType().Name);
    }

    /// <summary>The store failed this call's request: the call falls back, and the store rests for a while.</summary>
    public void Failed(Exception failure, string operation)
    {
        bool first;
        lock (_gate)
        {
            first = !_down;
            _down = true;
            _retryAfterTimestamp = clock.GetTimestamp() + (long)(Pause.TotalSeconds * clock.TimestampFrequency);
        }
        if (first)
            Log.BudgetStoreFailed(logger, store.GetType().Name, operation, failure.GetType().Name, failure.Message, failure);
    }

    /// <summary>A call took its turn from the in-process pacer because the store failed or was resting.</summary>
    public void FellBack() => metrics.BudgetStoreFellBack();
}
