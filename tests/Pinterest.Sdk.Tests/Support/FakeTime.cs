using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>Runs work that waits on a fake clock, moving the clock on whenever the work has nothing else to do.</summary>
internal static class FakeTime
{
    /// <summary>
    /// The most fake time a run may take unless its test says otherwise: above the longest run here
    /// (ten retries doubling from 1 s, about 17 minutes), and reached within seconds at steps of a
    /// second or more. A regression that makes a wait endless (a reset that never comes nearer) fails
    /// here instead of moving the clock on until the real-time bound.
    /// </summary>
    public static readonly TimeSpan DefaultFakeLimit = TimeSpan.FromHours(1);

    /// <summary>The most real time a run may take: far above the longest run here (about 20 s on a loaded machine).</summary>
    public static readonly TimeSpan RealLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <paramref name="run"/> while moving <paramref name="clock"/> on by <paramref name="step"/>
    /// (default 10 ms) about every real millisecond, once the thread pool has caught up; fails (instead of hanging)
    /// when it has not ended after <paramref name="fakeLimit"/> of fake time (default <see cref="DefaultFakeLimit"/>)
    /// or <see cref="RealLimit"/> of real time. Returns its result and the fake time it took.
    /// </summary>
    public static async Task<(T Result, TimeSpan FakeElapsed)> RunAsync<T>(FakeTimeProvider clock, Func<Task<T>> run, TimeSpan? step = null, TimeSpan? fakeLimit = null)
    {
        var started = clock.GetUtcNow();
        var limit = fakeLimit ?? DefaultFakeLimit;
        var task = run();
        var deadline = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (deadline.Elapsed > RealLimit)
                Assert.Fail($"the run did not end within {RealLimit.TotalSeconds:0} s of real time ({(clock.GetUtcNow() - started).TotalSeconds:0.#} s of fake time)");
            if (clock.GetUtcNow() - started > limit)
                Assert.Fail($"the run still waited after {limit.TotalSeconds:0.#} s of fake time");
            await Task.WhenAny(task, Task.Delay(1));
            // The clock moves on once the work the last step released has run (nothing queued on the
            // thread pool): a loaded machine slows the run down instead of letting fake time run ahead
            // of it. Bounded, since other work may keep the pool busy.
            for (var waits = 0; ThreadPool.PendingWorkItemCount > 0 && waits < 50 && !task.IsCompleted; waits++)
                await Task.Delay(1);
            clock.Advance(step ?? TimeSpan.FromMilliseconds(10));
        }
        return (await task, clock.GetUtcNow() - started);
    }
}
