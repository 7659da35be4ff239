using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// A fake clock that records the due time of every timer asked of it, and says when one exists: a
/// test waits for the event (the code under test has started waiting) instead of sleeping, then
/// moves <see cref="Inner"/> on.
/// </summary>
internal sealed class TimerLog(FakeTimeProvider inner) : TimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Inner => inner;

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
                return [.. _dueTimes];
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Noted once the timer exists, so a test that sees it and moves the clock on cannot be first.
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource created;
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
            created = _created;
        }
        created.TrySetResult();
        return timer;
    }

    /// <summary>
    /// Ends once a timer exists whose due time <paramref name="dueTime"/> accepts (any, by default), or
    /// <paramref name="alongside"/> has ended (it never waited); fails after 10 s of real time.
    /// </summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool>? dueTime = null, Task? alongside = null)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task created;
            lock (_dueTimes)
            {
                if (_dueTimes.Exists(d => dueTime?.Invoke(d) ?? true))
                    return;
                if (_created.Task.IsCompleted)
                    _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
                created = _created.Task;
            }
            if (alongside is not null && alongside.IsCompleted)
                return;
            await (alongside is null ? created : Task.WhenAny(created, alongside)).WaitAsync(limit.Token);
        }
    }
}
