using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// A fake clock for retry tests: it moves forward by itself while a call is in progress, so waits
/// of seconds take milliseconds, and it records when (on the fake clock) each attempt began.
/// </summary>
public sealed class FakeClock
{
    private readonly List<DateTimeOffset> _attempts = [];

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Fake start times of the attempts, taken when the SDK asked for the token.</summary>
    public IReadOnlyList<DateTimeOffset> Attempts
    {
        get
        {
            lock (_attempts)
                return [.. _attempts];
        }
    }

    /// <summary>The gaps between consecutive attempts on the fake clock.</summary>
    public IReadOnlyList<TimeSpan> Gaps => Attempts.Zip(Attempts.Skip(1), (a, b) => b - a).ToList();

    public void Configure(PinterestClientOptions options)
    {
        options.TimeProvider = Time;
        options.AccessToken = null;
        options.AccessTokenProvider = _ =>
        {
            lock (_attempts)
                _attempts.Add(Time.GetUtcNow());
            return ValueTask.FromResult(PinterestApiStub.Token);
        };
    }

    /// <summary>Runs <paramref name="call"/> to completion, moving the fake clock <paramref name="step"/> (default 100 ms) per real millisecond or so.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan? step = null)
    {
        var task = call();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("the call did not end within 20 s of real time on the fake clock");
            await Task.WhenAny(task, Task.Delay(1));
            Time.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }
        return await task;
    }
}
