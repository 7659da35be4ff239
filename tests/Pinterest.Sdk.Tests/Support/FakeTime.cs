using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>Runs work that waits on a fake clock, moving the clock on whenever the work has nothing else to do.</summary>
internal static class FakeTime
{
    /// <summary>
    /// Runs <paramref name="run"/> while moving <paramref name="clock"/> on by <paramref name="step"/>
    /// (default 10 ms) about every real millisecond; fails (instead of hanging) when it has not ended
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
            clock.Advance(step ?? TimeSpan.FromMilliseconds(10));
        }
        return (await task, clock.GetUtcNow() - started);
    }
}
