using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Bulk;

/// <summary>
/// Property: for random budgets, server limits and sequences of calls, answers (in any order) and
/// header values (sane, missing or hostile), and calls that wake late (on time, within a tenth of the
/// spacing that is credited, or later), under a fake clock, the pacer never starts calls faster
/// than the budget, never lets a window Pinterest reported hold more calls than its limit, never waits
/// past the window's end or <see cref="PinterestBulkOptions.MaxQuotaWait"/>, and never throws.
/// </summary>
public class RateLimitPacerPropertyTests
{
    private static readonly string[] Hostile =
    [
        "NaN", "-1", "-Infinity", "Infinity", "99999999999999", "", "abc", "1e9", "0", "100;w=NaN", ";w=", "5;w=-1", "7;w=99999999999999",
    ];

    private enum Kind
    {
        Call,
        Answer,
        Idle,
    }

    private sealed record Step(Kind Kind, int Pick, int Headers, int Millis, int LateMicros);

    private sealed record Case(int PerSecond, int PerMinute, int MaxQuotaWaitSeconds, int ServerLimit, int ServerWindowSeconds, Step[] Steps)
    {
        public override string ToString() =>
            $"budget {PerSecond}/s {PerMinute}/min, MaxQuotaWait {MaxQuotaWaitSeconds} s, server {ServerLimit} per {ServerWindowSeconds} s, {Steps.Length} steps: " +
            string.Join(" ", Steps.Select(s => $"{s.Kind}({s.Pick},{s.Headers},{s.Millis},{s.LateMicros})"));
    }

    private static readonly Gen<Step> Steps =
        from kind in Gen.Frequency((5, Gen.Constant(Kind.Call)), (4, Gen.Constant(Kind.Answer)), (1, Gen.Constant(Kind.Idle)))
        from pick in Gen.Choose(0, 1000)
        from headers in Gen.Choose(0, 9)
        from millis in Gen.Choose(0, 3000)
        from late in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 12_000)), (1, Gen.Choose(0, 150_000)))
        select new Step(kind, pick, headers, millis, late);

    private static readonly Gen<Case> Cases =
        from perSecond in Gen.Choose(1, 200)
        from perMinute in Gen.Choose(1, 6000)
        from maxQuotaWait in Gen.Choose(0, 90)
        from serverLimit in Gen.Choose(2, 40)
        from serverWindow in Gen.Elements(1, 5, 60)
        from steps in Steps.ArrayOf()
        select new Case(perSecond, perMinute, maxQuotaWait, serverLimit, serverWindow, steps);

    [Test]
    public void No_budget_or_reported_window_is_exceeded_and_no_wait_outlasts_its_window()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Cases.ToArbitrary(), Holds));
    }

    private static bool Holds(Case c)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var pacer = new RateLimitPacer(clock);
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = c.PerSecond, CallsPerMinute = c.PerMinute }) with
        {
            MaxQuotaWait = TimeSpan.FromSeconds(c.MaxQuotaWaitSeconds),
        };
        var window = TimeSpan.FromSeconds(c.ServerWindowSeconds);
        // The longest spacing a window teaches is a limit of 2 (or 1): window × 1.02 / 0.9.
        var longestWait = Max(budget.Spacing, Min(budget.MaxQuotaWait, window * 1.02 / 0.9));
        var starts = new List<DateTimeOffset>();
        var outstanding = new List<long>();
        DateTimeOffset? policyKnownSince = null;

        foreach (var step in c.Steps)
        {
            switch (step.Kind)
            {
                case Kind.Call:
                    for (var tries = 0; ; tries++)
                    {
                        Assert.That(tries, Is.LessThan(1000), $"a call never started: {c}");
                        var wait = pacer.TryStart(budget, out var call);
                        if (wait <= TimeSpan.Zero)
                        {
                            starts.Add(clock.GetUtcNow());
                            outstanding.Add(call);
                            break;
                        }
                        Assert.That(wait, Is.LessThanOrEqualTo(longestWait), $"a wait past its window: {c}");
                        // The waiting call wakes late (a timer, a busy machine): its lateness may be credited, never the limit exceeded.
                        clock.Advance(wait + TimeSpan.FromMicroseconds(step.LateMicros));
                    }
                    break;
                case Kind.Answer when outstanding.Count > 0:
                    var answered = outstanding[step.Pick % outstanding.Count];
                    outstanding.Remove(answered);
                    var (headers, carriesPolicy) = Headers(step, c, starts, clock.GetUtcNow(), window);
                    pacer.Observe(answered, RateLimitPacerTests.Answer(clock, headers));
                    if (carriesPolicy)
                        policyKnownSince ??= clock.GetUtcNow();
                    break;
                default:
                    clock.Advance(TimeSpan.FromMilliseconds(step.Millis));
                    break;
            }
        }

        AssertAtMost(starts, TimeSpan.FromSeconds(1), c.PerSecond, DateTimeOffset.MinValue, c);
        AssertAtMost(starts, TimeSpan.FromMinutes(1), c.PerMinute, DateTimeOffset.MinValue, c);
        if (policyKnownSince is { } since && window <= budget.MaxQuotaWait)
            AssertAtMost(starts, window, c.ServerLimit, since, c);
        return true;
    }

    /// <summary>What the server's answer says: its true counts, some of them missing, or hostile values.</summary>
    private static ((string, string)[] Headers, bool CarriesPolicy) Headers(Step step, Case c, List<DateTimeOffset> starts, DateTimeOffset now, TimeSpan window)
    {
        var inWindow = starts.Where(s => s > now - window).ToList();
        var remaining = Math.Max(0, c.ServerLimit - inWindow.Count);
        var reset = inWindow.Count == 0 ? 0 : Math.Ceiling((inWindow[0] + window - now).TotalSeconds);
        var policy = $"{c.ServerLimit}, {c.ServerLimit};w={c.ServerWindowSeconds}";
        var hostile = Hostile[step.Pick % Hostile.Length];
        return step.Headers switch
        {
            <= 3 => ([("X-RateLimit-Limit", policy), ("X-RateLimit-Remaining", Text(remaining)), ("X-RateLimit-Reset", Text(reset))], true),
            4 => ([("X-RateLimit-Limit", policy)], true),
            5 => ([], false),
            6 => ([("X-RateLimit-Limit", hostile), ("X-RateLimit-Remaining", Text(remaining)), ("X-RateLimit-Reset", Text(reset))], false),
            7 => ([("X-RateLimit-Limit", policy), ("X-RateLimit-Remaining", hostile), ("X-RateLimit-Reset", hostile)], true),
            8 => ([("X-RateLimit-Limit", policy), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", hostile), ("Retry-After", hostile)], true),
            _ => ([("X-RateLimit-Limit", policy), ("X-RateLimit-Limit", hostile), ("X-RateLimit-Remaining", Text(remaining)), ("X-RateLimit-Reset", Text(reset))], true),
        };
    }

    /// <summary>No window of <paramref name="window"/> that begins at or after <paramref name="from"/> holds more than <paramref name="limit"/> starts.</summary>
    private static void AssertAtMost(List<DateTimeOffset> starts, TimeSpan window, int limit, DateTimeOffset from, Case c)
    {
        var counted = starts.Where(s => s >= from).ToList();
        for (var i = 0; i < counted.Count; i++)
        {
            var inWindow = counted.Skip(i).TakeWhile(s => s < counted[i] + window).Count();
            Assert.That(inWindow, Is.LessThanOrEqualTo(limit), $"{inWindow} starts within {window} from {counted[i]:HH:mm:ss.fff}: {c}");
        }
    }

    private static string Text(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
