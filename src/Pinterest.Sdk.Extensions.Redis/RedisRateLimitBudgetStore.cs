using System.Globalization;
using StackExchange.Redis;

namespace Pinterest.Sdk.Redis;

/// <summary>
/// A credential's rate-limit budget in Redis, shared by every process that calls with it: each turn is
/// one Lua script, atomic on the budget's key and timed by the Redis server's clock, so a fleet of
/// replicas or workers keeps Pinterest's rules together (the spacing between any two calls, and the
/// window Pinterest's latest <c>X-RateLimit-Remaining</c> says is spent). Set it as
/// <see cref="PinterestClientOptions.RateLimitBudgetStore"/>, or register it with
/// <c>services.AddPinterestRedisRateLimitBudget(...)</c>.
/// </summary>
/// <remarks>
/// <para>
/// A budget is one Redis hash, <c>{KeyPrefix}{budget key}</c>: when the last call started (its slot,
/// when it was a little late), how many started, and the window in force (the call that reported it,
/// its remaining calls and when it resets). The budget key is a hash of the credential's identity,
/// never a token. A hash nobody used for an hour expires.
/// </para>
/// <para>
/// When Redis is down or slow, the call fails fast (a second per command at most, no queueing of
/// commands while reconnecting) and the SDK takes that call's turn from the process's own budget: a
/// Redis outage never fails a call, and costs a fleet only its coordination.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var budget = RedisRateLimitBudgetStore.Connect("redis.internal:6379");
/// var client = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = token, RateLimitBudgetStore = budget });
/// </code>
/// </example>
public sealed class RedisRateLimitBudgetStore : IRateLimitBudgetStore, IDisposable
{
    /// <summary>The default of <see cref="RedisRateLimitBudgetOptions.KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "pinterest-sdk:budget:";

    // Times in the scripts are microseconds on the Redis server's clock (TIME), kept as integer strings.
    // KEYS[1]: the budget. ARGV: spacing, longest window wait (microseconds), "1" for a single call, key lifetime (ms).
    // Returns {1, call number} when the call started, {0, wait} to ask again after wait, {-1, reset} when refused.
    // A started call is recorded at its slot (last + spacing) when it is late by at most a tenth of the
    // spacing, else when it started: the pacer's rule 1 (RateLimitPacer says why no window then holds
    // more than its limit).
    // A bulk call held by a window that calls started since may reopen asks again after a spacing, not at
    // the reset: their answers may come to other processes, which cannot wake this one (in one process,
    // an answer wakes the waiting call).
    private const string TryStartScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local spacing = tonumber(ARGV[1])
        local maxWait = tonumber(ARGV[2])
        local single = ARGV[3] == '1'
        local b = redis.call('HMGET', KEYS[1], 'last', 'started', 'wcall', 'wleft', 'wreset')
        local last = tonumber(b[1])
        local started = tonumber(b[2]) or 0
        local windowWait = 0
        local since = 0
        local wcall = tonumber(b[3])
        if wcall then
          since = started - wcall - 1
          local left = tonumber(b[4]) - since
          local reset = tonumber(b[5])
          if left <= 0 and reset > now then windowWait = reset - now end
        end
        if windowWait > maxWait then
          if single then return {-1, windowWait} end
          windowWait = 0
        end
        local wait = windowWait
        if not single and last then
          local spacingWait = spacing
          if now > last then spacingWait = spacing - (now - last) end
          if spacingWait > wait then wait = spacingWait end
        end
        if wait > 0 then
          if since > 0 and spacing > 0 and wait > spacing then wait = spacing end
          return {0, wait}
        end
        local start = now
        if last and now >= last + spacing and now - (last + spacing) <= spacing / 10 then start = last + spacing end
        redis.call('HSET', KEYS[1], 'last', string.format('%.0f', start), 'started', string.format('%.0f', started + 1))
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return {1, started}
        """;

    // KEYS[1]: the budget. ARGV: the call's number, its answer's Remaining, its Reset (microseconds from now), key lifetime (ms).
    private const string ObserveScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local call = tonumber(ARGV[1])
        local wcall = tonumber(redis.call('HGET', KEYS[1], 'wcall'))
        if wcall == nil or call > wcall then
          redis.call('HSET', KEYS[1], 'wcall', ARGV[1], 'wleft', ARGV[2], 'wreset', string.format('%.0f', now + tonumber(ARGV[3])))
          redis.call('PEXPIRE', KEYS[1], ARGV[4])
        end
        return 0
        """;

    // A turn's times are sent as whole microseconds; the longest is about 31 years, far beyond any wait.
    private static readonly TimeSpan LongestTime = TimeSpan.FromDays(365 * 31);

    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _ownsConnection;
    private readonly string _keyPrefix;
    private readonly int _database;
    private readonly RedisValue _lifetime;
    private Task<IConnectionMultiplexer>? _connection;

    /// <summary>Uses a connection the application already has (and keeps: disposing the store leaves it open).</summary>
    /// <param name="connection">The connection; give it short timeouts (<see cref="Configuration(string)"/> does) so a dead Redis never holds a call.</param>
    /// <param name="options">Where and how long budgets are kept; default <see cref="RedisRateLimitBudgetOptions"/>'s.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    public RedisRateLimitBudgetStore(IConnectionMultiplexer connection, RedisRateLimitBudgetOptions? options = null)
        : this(() => Task.FromResult(connection ?? throw new ArgumentNullException(nameof(connection))), false, options)
    {
        ArgumentNullException.ThrowIfNull(connection);
    }

    private RedisRateLimitBudgetStore(Func<Task<IConnectionMultiplexer>> connect, bool ownsConnection, RedisRateLimitBudgetOptions? options)
    {
        options ??= new RedisRateLimitBudgetOptions();
        if (string.IsNullOrEmpty(options.KeyPrefix))
            throw new ArgumentException("RedisRateLimitBudgetOptions.KeyPrefix must not be empty.", nameof(options));
        if (options.KeyLifetime < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"RedisRateLimitBudgetOptions.KeyLifetime must be at least a second; it is {options.KeyLifetime}.", nameof(options));
        _connect = connect;
        _ownsConnection = ownsConnection;
        _keyPrefix = options.KeyPrefix;
        _database = options.Database;
        _lifetime = (long)options.KeyLifetime.TotalMilliseconds;
    }

    /// <summary>
    /// A store with a connection of its own to <paramref name="configuration"/> (a StackExchange.Redis
    /// connection string, such as <c>redis.internal:6379,password=…</c>), with the short timeouts of
    /// <see cref="Configuration(string)"/>. It starts connecting at once, in the background, so the
    /// first call rarely waits for it; an unreachable Redis does not throw here. Disposing the store closes it.
    /// </summary>
    /// <param name="configuration">The connection string.</param>
    /// <param name="options">Where and how long budgets are kept; default <see cref="RedisRateLimitBudgetOptions"/>'s.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static RedisRateLimitBudgetStore Connect(string configuration, RedisRateLimitBudgetOptions? options = null)
    {
        var parsed = Configuration(configuration);
        var store = new RedisRateLimitBudgetStore(async () => await ConnectionMultiplexer.ConnectAsync(parsed).ConfigureAwait(false), true, options);
        store.StartConnecting();
        return store;
    }

    /// <summary>
    /// Parses a StackExchange.Redis connection string for a budget store: where it says nothing else, a
    /// two seconds to connect, a second per command, commands refused at once (not queued) while the
    /// connection is down, and no failure when Redis is unreachable at start (it keeps reconnecting).
    /// </summary>
    /// <param name="configuration">The connection string.</param>
    /// <returns>The options to connect with.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static ConfigurationOptions Configuration(string configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
            throw new ArgumentException("The Redis connection string is empty.", nameof(configuration));
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RedisConnectionException)
        {
            throw new ArgumentException($"The Redis connection string is not valid: {e.Message}", nameof(configuration), e);
        }
        if (parsed.EndPoints.Count == 0)
            throw new ArgumentException("The Redis connection string names no server.", nameof(configuration));
        bool Says(string setting) => configuration.Contains(setting + "=", StringComparison.OrdinalIgnoreCase);
        if (!Says("connectTimeout"))
            parsed.ConnectTimeout = 2000;
        if (!Says("syncTimeout"))
            parsed.SyncTimeout = 1000;
        if (!Says("asyncTimeout"))
            parsed.AsyncTimeout = 1000;
        if (!Says("abortConnect"))
            parsed.AbortOnConnectFail = false;
        if (!Says("connectRetry"))
            parsed.ConnectRetry = 1;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        return parsed;
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitTurn> TryStartAsync(string budgetKey, RateLimitTurnRequest request, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(TryStartScript, [Key(budgetKey)],
            [Microseconds(request.Spacing), Microseconds(request.MaxWindowWait), request.SingleCall ? "1" : "0", _lifetime]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var answer = (RedisResult[])result!;
        var (status, value) = ((long)answer[0], (long)answer[1]);
        return status switch
        {
            1 => RateLimitTurn.Started(value),
            0 => RateLimitTurn.WaitFor(TimeSpan.FromMicroseconds(Math.Max(1, value))),
            _ => RateLimitTurn.Refused(TimeSpan.FromMicroseconds(value)),
        };
    }

    /// <inheritdoc />
    public async ValueTask ObserveAsync(string budgetKey, long turn, PinterestRateLimit rateLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rateLimit);
        if (rateLimit is not { Remaining: { } remaining, Reset: { } reset })
            return;
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(ObserveScript, [Key(budgetKey)],
            [turn, remaining, Microseconds(reset), _lifetime]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection the store made (<see cref="Connect"/>); a connection it was given stays open.</summary>
    public void Dispose()
    {
        if (_ownsConnection && Volatile.Read(ref _connection) is { IsCompletedSuccessfully: true } made)
            made.Result.Dispose();
    }

    private void StartConnecting() => _ = DatabaseAsync();

    private async Task<IDatabase> DatabaseAsync()
    {
        var connecting = Volatile.Read(ref _connection);
        if (connecting is null || connecting.IsFaulted)
        {
            // One connection attempt at a time; a failed one is tried again by a later call.
            var attempt = _connect();
            connecting = Interlocked.CompareExchange(ref _connection, attempt, connecting) == connecting ? attempt : _connection!;
        }
        var connection = await connecting.ConfigureAwait(false);
        return connection.GetDatabase(_database);
    }

    private RedisKey Key(string budgetKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(budgetKey);
        return _keyPrefix + budgetKey;
    }

    private static RedisValue Microseconds(TimeSpan time)
    {
        var clamped = time < TimeSpan.Zero ? TimeSpan.Zero : time > LongestTime ? LongestTime : time;
        return (clamped.Ticks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Where <see cref="RedisRateLimitBudgetStore"/> keeps budgets, and for how long.</summary>
public sealed class RedisRateLimitBudgetOptions
{
    /// <summary>What every budget's key starts with; default <see cref="RedisRateLimitBudgetStore.DefaultKeyPrefix"/>.</summary>
    public string KeyPrefix { get; set; } = RedisRateLimitBudgetStore.DefaultKeyPrefix;

    /// <summary>The Redis database; default -1, the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>How long a budget nobody calls with is kept; default an hour (longer than any window Pinterest paces).</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(1);
}
