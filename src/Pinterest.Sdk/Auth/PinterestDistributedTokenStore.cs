using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Pinterest.Sdk;

/// <summary>
/// An <see cref="IPinterestTokenStore"/> over any <see cref="IDistributedCache"/> (Redis, SQL Server,
/// ...), so replicas share a credential's tokens. Tokens are encrypted at rest with the
/// <see cref="PinterestDistributedTokenStoreOptions.Protector"/> the application gives; storing them
/// as they are takes an explicit <see cref="PinterestDistributedTokenStoreOptions.StoreUnprotected"/>.
/// </summary>
/// <remarks>
/// An entry's key is <see cref="PinterestDistributedTokenStoreOptions.KeyPrefix"/> and the credential's
/// key (a hash, never a token); the entry also holds that key, encrypted with the tokens, so an
/// entry copied under another key is not taken. An entry expires with its refresh token (an app
/// token's with the access token) when Pinterest said when. An entry that cannot be read (another
/// format, another key, encrypted with another key or not at all when it should be) counts as none.
/// </remarks>
/// <example>
/// <code>
/// var store = new PinterestDistributedTokenStore(redisCache, new PinterestDistributedTokenStoreOptions
/// {
///     Protector = PinterestTokenProtector.AesGcm(Convert.FromBase64String(config["Pinterest:TokenKey"]!)),
/// });
/// </code>
/// </example>
public sealed class PinterestDistributedTokenStore : IPinterestTokenStore
{
    // The first byte of an entry: a protected entry's, then the protector's bytes; a plain one is JSON ('{').
    private const byte ProtectedMark = 0;

    private readonly IDistributedCache _cache;
    private readonly IPinterestTokenProtector? _protector;
    private readonly string _prefix;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store over <paramref name="cache"/>.</summary>
    /// <param name="cache">Where the tokens are kept.</param>
    /// <param name="options">How: the protector (or the explicit choice to store tokens as they are) and the key prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cache"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options neither protect the tokens nor allow storing them as they are, or both.</exception>
    public PinterestDistributedTokenStore(IDistributedCache cache, PinterestDistributedTokenStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Protector is null && !options.StoreUnprotected)
            throw new ArgumentException(
                "PinterestDistributedTokenStoreOptions.Protector is required: tokens in a shared cache are secrets. Give one " +
                "(PinterestTokenProtector.AesGcm(key), or PinterestTokenProtector.Create(protector.Protect, protector.Unprotect) for ASP.NET Core Data Protection or a KMS), " +
                "or set StoreUnprotected = true to store them as they are, readable by anyone who can read the cache.", nameof(options));
        if (options.Protector is not null && options.StoreUnprotected)
            throw new ArgumentException("PinterestDistributedTokenStoreOptions: set either Protector or StoreUnprotected, not both.", nameof(options));
        if (string.IsNullOrEmpty(options.KeyPrefix))
            throw new ArgumentException("PinterestDistributedTokenStoreOptions.KeyPrefix is required.", nameof(options));
        _cache = cache;
        _protector = options.Protector;
        _prefix = options.KeyPrefix;
        _clock = options.TimeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<PinterestStoredTokens?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var entry = await _cache.GetAsync(_prefix + key, cancellationToken).ConfigureAwait(false);
        if (entry is not { Length: > 0 })
            return null;
        byte[] json;
        if (_protector is null)
        {
            if (entry[0] == ProtectedMark)
                return null;
            json = entry;
        }
        else
        {
            if (entry[0] != ProtectedMark)
                return null;
            try
            {
                json = _protector.Unprotect(entry[1..]);
            }
            catch (CryptographicException)
            {
                // Encrypted with another key (or tampered with): as if there were none.
                return null;
            }
        }
        return Decode(json, key);
    }

    /// <inheritdoc />
    public Task WriteAsync(string key, PinterestStoredTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(tokens);
        var json = Encode(tokens, key);
        var entry = _protector is null ? json : [ProtectedMark, .. _protector.Protect(json)];
        var options = new DistributedCacheEntryOptions();
        var lapses = tokens.RefreshToken is null ? tokens.AccessTokenExpiresAt : tokens.RefreshTokenExpiresAt;
        if (lapses is { } at && at - _clock.GetUtcNow() is { } left && left > TimeSpan.Zero)
            options.AbsoluteExpirationRelativeToNow = left;
        return _cache.SetAsync(_prefix + key, entry, options, cancellationToken);
    }

    /// <summary>Describes the store without revealing anything stored.</summary>
    /// <returns>The cache's type, the prefix and whether tokens are protected.</returns>
    public override string ToString() => $"PinterestDistributedTokenStore(Cache={_cache.GetType().Name}, KeyPrefix={_prefix}, Protected={_protector is not null})";

    private static byte[] Encode(PinterestStoredTokens tokens, string key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("key", key);
            writer.WriteString("access_token", tokens.AccessToken);
            WriteTime(writer, "access_token_expires_at", tokens.AccessTokenExpiresAt);
            if (tokens.RefreshToken is not null)
                writer.WriteString("refresh_token", tokens.RefreshToken);
            WriteTime(writer, "refresh_token_expires_at", tokens.RefreshTokenExpiresAt);
            if (tokens.Scope is not null)
                writer.WriteString("scope", tokens.Scope);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } at)
            writer.WriteNumber(name, at.ToUnixTimeMilliseconds());
    }

    /// <summary>The tokens in <paramref name="json"/>, or <see langword="null"/> when it is not an entry of this format for <paramref name="key"/>.</summary>
    private static PinterestStoredTokens? Decode(byte[] json, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1
                || !root.TryGetProperty("key", out var storedKey) || storedKey.GetString() != key
                || !root.TryGetProperty("access_token", out var access) || access.GetString() is not { Length: > 0 } accessToken)
                return null;
            return new PinterestStoredTokens(accessToken, Time(root, "access_token_expires_at"),
                String(root, "refresh_token"), Time(root, "refresh_token_expires_at"), String(root, "scope"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()) : null;
}

/// <summary>Settings for <see cref="PinterestDistributedTokenStore"/>.</summary>
public sealed class PinterestDistributedTokenStoreOptions
{
    /// <summary>
    /// Encrypts the tokens before they reach the cache and decrypts them after:
    /// <see cref="PinterestTokenProtector.AesGcm"/> with a key of your own, or
    /// <see cref="PinterestTokenProtector.Create"/> over ASP.NET Core Data Protection or a KMS. Required
    /// unless <see cref="StoreUnprotected"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public IPinterestTokenProtector? Protector { get; set; }

    /// <summary>
    /// Stores the tokens as they are, readable by anyone who can read the cache (a Redis only this
    /// application reaches, say). Default <see langword="false"/>: a <see cref="Protector"/> is required.
    /// </summary>
    public bool StoreUnprotected { get; set; }

    /// <summary>What every entry's key starts with. Default <c>pinterest-sdk:tokens:</c>.</summary>
    public string KeyPrefix { get; set; } = "pinterest-sdk:tokens:";

    /// <summary>The clock entries' lifetimes are counted on; default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public TimeProvider? TimeProvider { get; set; }
}

/// <summary>
/// Encrypts tokens for a token store and decrypts them, as ASP.NET Core's <c>IDataProtector</c> does
/// (whose <c>Protect</c> and <c>Unprotect</c> fit <see cref="PinterestTokenProtector.Create"/> as they are).
/// </summary>
public interface IPinterestTokenProtector
{
    /// <summary>Encrypts (and authenticates) <paramref name="plaintext"/>.</summary>
    /// <param name="plaintext">The bytes to protect.</param>
    /// <returns>The protected bytes.</returns>
    byte[] Protect(byte[] plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> returned; throws <see cref="CryptographicException"/> when it cannot.</summary>
    /// <param name="protectedData">The protected bytes.</param>
    /// <returns>The plaintext.</returns>
    byte[] Unprotect(byte[] protectedData);
}

/// <summary>The token protectors the SDK brings.</summary>
public static class PinterestTokenProtector
{
    /// <summary>
    /// AES-256-GCM with <paramref name="key"/> (32 random bytes, kept as a secret, the same in every
    /// replica): each entry gets a fresh nonce, and a changed entry fails to decrypt (and counts as none).
    /// </summary>
    /// <param name="key">The 256-bit key.</param>
    /// <returns>The protector.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not 32 bytes.</exception>
    /// <exception cref="PlatformNotSupportedException">The platform has no AES-GCM.</exception>
    public static IPinterestTokenProtector AesGcm(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
            throw new ArgumentException($"The token key must be 32 bytes (AES-256); it is {key.Length}.", nameof(key));
        if (!System.Security.Cryptography.AesGcm.IsSupported)
            throw new PlatformNotSupportedException("AES-GCM is not available on this platform: give PinterestDistributedTokenStoreOptions.Protector another protector.");
        return new AesGcmProtector(key);
    }

    /// <summary>A protector from two functions, such as an <c>IDataProtector</c>'s: <c>Create(protector.Protect, protector.Unprotect)</c>.</summary>
    /// <param name="protect">Encrypts.</param>
    /// <param name="unprotect">Decrypts what <paramref name="protect"/> returned.</param>
    /// <returns>The protector.</returns>
    public static IPinterestTokenProtector Create(Func<byte[], byte[]> protect, Func<byte[], byte[]> unprotect)
    {
        ArgumentNullException.ThrowIfNull(protect);
        ArgumentNullException.ThrowIfNull(unprotect);
        return new DelegateProtector(protect, unprotect);
    }

    private sealed class DelegateProtector(Func<byte[], byte[]> protect, Func<byte[], byte[]> unprotect) : IPinterestTokenProtector
    {
        public byte[] Protect(byte[] plaintext) => protect(plaintext);

        public byte[] Unprotect(byte[] protectedData) => unprotect(protectedData);
    }

    /// <summary>Version byte, 12-byte nonce, 16-byte tag, ciphertext.</summary>
    private sealed class AesGcmProtector(byte[] key) : IPinterestTokenProtector
    {
        private const byte Version = 1;
        private const int NonceSize = 12;
        private const int TagSize = 16;
        private readonly byte[] _key = (byte[])key.Clone();

        public byte[] Protect(byte[] plaintext)
        {
            var output = new byte[1 + NonceSize + TagSize + plaintext.Length];
            output[0] = Version;
            var nonce = output.AsSpan(1, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new System.Security.Cryptography.AesGcm(_key, TagSize);
            aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
            return output;
        }

        public byte[] Unprotect(byte[] protectedData)
        {
            if (protectedData.Length < 1 + NonceSize + TagSize || protectedData[0] != Version)
                throw new CryptographicException("Not a token entry this protector wrote.");
            var plaintext = new byte[protectedData.Length - 1 - NonceSize - TagSize];
            using var aes = new System.Security.Cryptography.AesGcm(_key, TagSize);
            aes.Decrypt(protectedData.AsSpan(1, NonceSize), protectedData.AsSpan(1 + NonceSize + TagSize), protectedData.AsSpan(1 + NonceSize, TagSize), plaintext);
            return plaintext;
        }

        public override string ToString() => "AesGcmTokenProtector(***)";
    }
}
