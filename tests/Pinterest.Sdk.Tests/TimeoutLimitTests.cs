namespace Pinterest.Sdk.Tests;

/// <summary>The longest timeout a timer can wait is refused alike wherever a timeout is set: one message, one exception type.</summary>
public class TimeoutLimitTests
{
    private static readonly TimeSpan TooLong = TimeSpan.FromDays(50);

    [Test]
    public void The_client_and_the_credentials_refuse_a_timeout_over_the_limit_with_one_message_and_type()
    {
        var client = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = "token", Timeout = TooLong }));
        var total = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = "token", TotalTimeout = TooLong }));
        var credential = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions { ClientId = "1", ClientSecret = "s", Timeout = TooLong }));

        const string Limit = " must be positive and at most 4294967 seconds (49.7 days), or Timeout.InfiniteTimeSpan; it is 50.00:00:00.";
        Assert.Multiple(() =>
        {
            Assert.That(ArgumentChecks.Reason(client!), Is.EqualTo("PinterestClientOptions.Timeout" + Limit));
            Assert.That(ArgumentChecks.Reason(total!), Is.EqualTo("PinterestClientOptions.TotalTimeout" + Limit));
            Assert.That(ArgumentChecks.Reason(credential!), Is.EqualTo("PinterestClientCredentialsOptions.Timeout" + Limit));
        });
    }

    [Test]
    public void The_limit_is_the_longest_wait_a_timer_takes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TimeoutScope.Problem(TimeoutScope.Longest, "x"), Is.Null);
            Assert.That(TimeoutScope.Problem(Timeout.InfiniteTimeSpan, "x"), Is.Null);
            Assert.That(TimeoutScope.Problem(Timeout.InfiniteTimeSpan, "--timeout", infinite: null), Is.Not.Null, "a setting without an infinite spelling");
            Assert.That(TimeoutScope.Problem(TimeoutScope.Longest + TimeSpan.FromMilliseconds(1), "x"), Is.Not.Null);
            Assert.That(TimeoutScope.Problem(TimeSpan.Zero, "x"), Is.Not.Null);
        });
        using var timer = new CancellationTokenSource(TimeoutScope.Longest);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CancellationTokenSource(TimeoutScope.Longest + TimeSpan.FromMilliseconds(1)));
    }
}
