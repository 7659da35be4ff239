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

    /// <summary>
    /// Runs <paramref name="call"/> to completion, moving the fake clock <paramref name="step"/> (default 100 ms) at a time;
    /// fails when it takes more than <paramref name="fakeLimit"/> of fake time (<see cref="FakeTime"/>).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan? step = null, TimeSpan? fakeLimit = null) =>
        (await FakeTime.RunAsync(Time, call, step ?? TimeSpan.FromMilliseconds(100), fakeLimit)).Result;
}
