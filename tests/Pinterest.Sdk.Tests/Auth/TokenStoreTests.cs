using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Tests.Support;

using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Tests.Auth;

/// <summary>
/// Tokens shared between replicas through <see cref="IPinterestTokenStore"/>: two credentials over one
/// store play two replicas, against a token endpoint that rotates the refresh token on every refresh and
/// refuses a used one, as Pinterest does. <see cref="MemoryDistributedCache"/> for the quick cases; a
/// real Redis (<see cref="RedisServer"/>, through <see cref="RedisCache"/>) for the replicas that renew at once.
/// </summary>
public class TokenStoreTests
{
    private const string ClientId = "1484234";
    private const string ClientSecret = "app-secret-6f1c9e";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private FakeTimeProvider _clock = null!;
    private TokenEndpointStub _endpoint = null!;
    private CapturingLoggerProvider _logs = null!;
    private MemoryDistributedCache _cache = null!;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _endpoint = new TokenEndpointStub();
        _logs = new CapturingLoggerProvider();
        _cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
    }

    [TearDown]
    public void Stop() => _endpoint.Dispose();

    private PinterestDistributedTokenStore Store(IDistributedCache? cache = null, byte[]? key = null) =>
        new(cache ?? _cache, new PinterestDistributedTokenStoreOptions { Protector = PinterestTokenProtector.AesGcm(key ?? Key), TimeProvider = _clock });

    /// <summary>A replica: its own credential, started from the same configuration as every other.</summary>
    private PinterestRefreshTokenCredential Replica(IPinterestTokenStore store, string? userKey = null, TimeProvider? clock = null) => new(new PinterestRefreshTokenOptions
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RefreshToken = "pinr_1",
        UserKey = userKey,
        TokenUrl = TokenEndpointStub.Url,
        HttpClient = _endpoint.Client(),
        TimeProvider = clock ?? _clock,
        LoggerFactory = _logs,
        TokenStore = store,
    });

    [Test]
    public async Task A_replica_takes_the_tokens_another_renewed_instead_of_renewing()
    {
        var store = Store();
        var first = Replica(store);
        var second = Replica(store);

        Assert.That(await first.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
        Assert.That(await second.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
        Assert.That(_endpoint.Requests, Is.EqualTo(1), "the second replica read the store");

        // Both enter the renew window: the first renews in the background, the second takes its tokens.
        _clock.Advance(TimeSpan.FromMinutes(57));
        Assert.That(await first.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
        await first.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
        Assert.That(await second.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"), "the call goes on while the replica looks");
        await second.WaitForRenewalAsync().WaitAsync(Bounded.Limit);

        Assert.That(await second.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_2"));
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_2" }), "one renewal each time, with the rotated refresh token");

        // The next renewal is the second replica's: it sends the refresh token the first one rotated.
        _clock.Advance(TimeSpan.FromMinutes(57));
        await second.GetAccessTokenAsync(CancellationToken.None);
        await second.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_2", "pinr_3" }));
        Assert.That(_logs.Events.Where(e => e.EventId == 34).ToList(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_rotated_refresh_token_is_in_the_store_before_any_call_uses_the_new_access_token()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new HeldStore(Store(), release.Task);
        var credential = Replica(store);

        var calls = Enumerable.Range(0, 3).Select(_ => credential.GetAccessTokenAsync(CancellationToken.None).AsTask()).ToList();
        await Bounded.UntilAsync(() => store.Writing, "the renewal is writing to the store");
        await Task.Delay(100);
        Assert.That(calls.Any(c => c.IsCompleted), Is.False, "no call has the new token while it is being stored");
        release.SetResult();

        Assert.That(await Task.WhenAll(calls).WaitAsync(Bounded.Limit), Is.All.EqualTo("pina_1"));
        var stored = await store.ReadAsync(credential.StoreKey(), CancellationToken.None);
        Assert.That(stored!.RefreshToken, Is.EqualTo("pinr_2").And.EqualTo(_endpoint.ValidRefreshToken));
    }

    [Test]
    public async Task A_replica_whose_refresh_token_another_just_rotated_takes_the_others_tokens_from_the_store()
    {
        var store = Store();
        var first = Replica(store);
        // The second replica read the store just before the first wrote its renewal there.
        var second = Replica(new LateStore(store));
        await first.GetAccessTokenAsync(CancellationToken.None);

        // It renews with pinr_1, which Pinterest has just rotated: refused, it takes pinr_2's tokens from the store.
        Assert.That(await second.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_1" }));

        Assert.That(await second.RefreshNowAsync(), Is.EqualTo("pina_2"), "and is not refused afterwards: it sends the rotated refresh token");
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_1", "pinr_2" }));
        Assert.That(_logs.Events.Select(e => e.EventId), Does.Not.Contain(35), "nobody ended refused");
    }

    [Test]
    public async Task The_store_key_is_a_hash_without_a_token_and_the_tokens_are_encrypted_at_rest()
    {
        var recording = new RecordingStore(Store());
        var credential = Replica(recording, userKey: "user-42");

        await credential.GetAccessTokenAsync(CancellationToken.None);
        var entry = await _cache.GetAsync("pinterest-sdk:tokens:" + recording.Keys.Single());

        Assert.Multiple(() =>
        {
            Assert.That(recording.Keys.Distinct().Single(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(recording.Keys.Single(), Is.EqualTo(Replica(recording, userKey: "user-42").StoreKey()), "the same for every replica of the same app and user");
            Assert.That(Replica(recording, userKey: "user-43").StoreKey(), Is.Not.EqualTo(recording.Keys.Single()), "another user's tokens are elsewhere");
            var text = Encoding.UTF8.GetString(entry!);
            foreach (var secret in new[] { "pina_1", "pinr_2", "pinr_1", ClientSecret })
                Assert.That(text, Does.Not.Contain(secret), "nothing readable in the cache");
        });
    }

    [Test]
    public async Task Tokens_stored_unprotected_are_readable_and_an_entry_encrypted_with_another_key_counts_as_none()
    {
        var plain = new PinterestDistributedTokenStore(_cache, new PinterestDistributedTokenStoreOptions { StoreUnprotected = true });
        var credential = Replica(plain);
        await credential.GetAccessTokenAsync(CancellationToken.None);
        Assert.That(Encoding.UTF8.GetString((await _cache.GetAsync("pinterest-sdk:tokens:" + credential.StoreKey()))!), Does.Contain("pinr_2"));

        // A store with a key reads neither the plain entry nor one encrypted with another key.
        Assert.That(await Store().ReadAsync(credential.StoreKey(), CancellationToken.None), Is.Null);
        await Store(key: [.. Key.Reverse()]).WriteAsync(credential.StoreKey(), new PinterestStoredTokens("pina_x", null, "pinr_x"), CancellationToken.None);
        Assert.That(await Store().ReadAsync(credential.StoreKey(), CancellationToken.None), Is.Null);
    }

    [Test]
    public void A_distributed_store_needs_a_protector_or_the_explicit_choice_to_store_tokens_as_they_are()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new PinterestDistributedTokenStore(_cache, new PinterestDistributedTokenStoreOptions()));

        Assert.That(e!.Message, Does.Contain("Protector is required").And.Contain("StoreUnprotected"));
        Assert.Throws<ArgumentException>(() => PinterestTokenProtector.AesGcm(new byte[16]));
    }

    [Test]
    public async Task A_store_that_cannot_be_read_costs_no_call_and_one_that_cannot_be_written_fails_only_the_waiting_calls()
    {
        var failing = new FailingStore();
        var credential = Replica(failing);

        var e = Assert.ThrowsAsync<InvalidOperationException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("token store failed").And.Not.Contain("pina_1"));
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"), "the renewed tokens stay in use");
        Assert.That(_endpoint.Requests, Is.EqualTo(1));
        Assert.That(_logs.Events.Select(l => l.EventId), Does.Contain(32).And.Contain(33));
    }

    /// <summary>
    /// Two replicas whose tokens expire together renew at once with the same refresh token: Pinterest
    /// rotates it for one and refuses the other, which takes the winner's tokens from Redis. Neither
    /// ends refused, and the next renewal, by either, works.
    /// </summary>
    [Test]
    public async Task Two_replicas_renewing_at_once_over_redis_both_end_with_working_tokens()
    {
        using var redis = RedisServer.Start();
        using var firstCache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        using var secondCache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        _endpoint.Latency = TimeSpan.FromMilliseconds(100);
        var first = Replica(Store(firstCache), clock: TimeProvider.System);
        var second = Replica(Store(secondCache), clock: TimeProvider.System);

        var tokens = await Task.WhenAll(
            Task.Run(async () => await first.GetAccessTokenAsync(CancellationToken.None)),
            Task.Run(async () => await second.GetAccessTokenAsync(CancellationToken.None))).WaitAsync(Bounded.Limit);

        Assert.That(tokens.Distinct().Single(), Is.EqualTo("pina_1"), "one renewal's tokens, in both");
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_1" }), "they crossed at Pinterest: one was refused");

        Assert.That(await second.RefreshNowAsync(), Is.EqualTo("pina_2"), "the refused replica renews with the rotated refresh token");
        Assert.That(await first.RefreshNowAsync(), Is.EqualTo("pina_2"), "and the other takes that renewal from Redis");
        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { "pinr_1", "pinr_1", "pinr_2" }));
        var stored = await Store(firstCache).ReadAsync(first.StoreKey(), CancellationToken.None);
        Assert.That(stored!.RefreshToken, Is.EqualTo(_endpoint.ValidRefreshToken));
    }

    [Test]
    public async Task Replicas_share_an_app_token_through_redis()
    {
        using var redis = RedisServer.Start();
        using var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.ConnectionString }));
        PinterestClientCredentialsCredential AppReplica() => new(new PinterestClientCredentialsOptions
        {
            ClientId = ClientId, ClientSecret = ClientSecret, TokenUrl = TokenEndpointStub.Url,
            HttpClient = _endpoint.Client(), TokenStore = Store(cache),
        });

        Assert.That(await AppReplica().GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_app-1"));
        Assert.That(await AppReplica().GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_app-1"));
        Assert.That(_endpoint.Requests, Is.EqualTo(1));
    }

    private sealed class HeldStore(IPinterestTokenStore inner, Task release) : IPinterestTokenStore
    {
        public volatile bool Writing;

        public Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public async Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken)
        {
            Writing = true;
            await release;
            await inner.WriteAsync(key, tokens, cancellationToken);
        }
    }

    private sealed class LateStore(IPinterestTokenStore inner) : IPinterestTokenStore
    {
        private int _reads;

        public Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _reads) == 1 ? Task.FromResult<PinterestStoredTokens?>(null) : inner.ReadAsync(key, cancellationToken);

        public Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken) => inner.WriteAsync(key, tokens, cancellationToken);
    }

    private sealed class RecordingStore(IPinterestTokenStore inner) : IPinterestTokenStore
    {
        public List<string> Keys { get; } = [];

        public Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken)
        {
            Keys.Add(key);
            return inner.WriteAsync(key, tokens, cancellationToken);
        }
    }

    private sealed class FailingStore : IPinterestTokenStore
    {
        public Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken) => throw new IOException("store down");

        public Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken) => throw new IOException("store down");
    }
}
