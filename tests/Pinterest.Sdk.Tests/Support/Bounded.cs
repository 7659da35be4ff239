namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// Waits with a bound far above what the awaited work needs (seconds at most), so that a regression
/// that makes the SDK wait out an hour-long Retry-After, or block on a stalled body, fails its test
/// instead of holding the whole run until the session timeout.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary><paramref name="task"/>'s outcome, or a <see cref="TimeoutException"/> after <see cref="Limit"/>.</summary>
    public static Task<T> WithinBound<T>(this Task<T> task) => task.WaitAsync(Limit);

    /// <summary>Fails the test unless <paramref name="condition"/> holds within <see cref="Limit"/>; checked every few milliseconds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within {Limit.TotalSeconds:0} s: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Fails the test unless <paramref name="task"/> ends (in any way) within <see cref="Limit"/>; its outcome is left for the test to inspect.</summary>
    public static async Task EndsAsync(Task task)
    {
        if (await Task.WhenAny(task, Task.Delay(Limit)) != task)
            Assert.Fail($"the call did not end within {Limit.TotalSeconds:0} s");
    }
}
