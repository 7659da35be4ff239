using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>Runs work that waits on a fake clock, moving the clock on whenever the work has nothing else to do.</summary>
internal static class FakeTime
{
    /// <summary>
    /// Runs <paramref name="run"/> while moving <paramref name="clock"/> on by <paramref name="step"/>
    /// (default 10 ms) about every real millisecond, once the thread pool has caught up; fails (instead of hanging) when it has not ended
    /// after a minute of real time. Returns its result and the fake time it took.
    /// </summary>
    public static async Task<(T Result, TimeSpan FakeElapsed)> RunAsync<T>(FakeTimeProvider clock, Func<Task<T>> run, TimeSpan? step = null)
    {
        var started = clock.GetUtcNow();
        var task = run();
        var deadline = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
                Assert.Fail("the run did not end within a minute");
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
