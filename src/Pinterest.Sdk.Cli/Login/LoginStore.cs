using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pinterest.Sdk.Cli.Login;

/// <summary>The tokens <c>pinterest-insights login</c> got, and what they are for.</summary>
/// <param name="AppId">The app they were issued to; a refresh needs that app's secret.</param>
/// <param name="ApiBaseUrl">The API they are for (<c>PINTEREST_API_BASE_URL</c> at login).</param>
internal sealed record StoredLogin(
    string AppId,
    Uri ApiBaseUrl,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset? RefreshTokenExpiresAt,
    string? Scope)
{
    public override string ToString() => $"StoredLogin {{ AppId = {AppId}, ApiBaseUrl = {ApiBaseUrl}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O} }}";
}

/// <summary>A stored login that cannot be used as it is; the message says what to do.</summary>
internal sealed class LoginStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The stored login in its folder (<see cref="CliContext.ConfigFolder"/>): <c>login.json</c>, readable
/// by the user alone (file 0600, folder 0700 on Unix), replaced atomically so a crash never leaves
/// half a file.
/// </summary>
internal sealed class LoginStore(string folder)
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OthersMayRead = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public string Folder { get; } = folder;

    public string FilePath => Path.Combine(Folder, "login.json");

    /// <summary>The stored login, or null when there is none.</summary>
    /// <exception cref="LoginStoreException">The file is readable by others, or is not a stored login.</exception>
    public StoredLogin? Read()
    {
        var path = FilePath;
        if (!File.Exists(path))
            return null;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayRead) != 0)
            throw new LoginStoreException($"{path} holds your Pinterest tokens but other users may read it (mode {Octal(File.GetUnixFileMode(path))}). " +
                $"Run 'chmod 600 {path}' if only you have seen it; otherwise run 'pinterest-insights logout' and 'pinterest-insights login'.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (!PinterestTokens.IsWellFormed(Text(root, "access_token")) || !PinterestTokens.IsWellFormed(Text(root, "refresh_token")))
                throw new FormatException("A token holds a character that cannot be sent.");
            return new StoredLogin(
                Text(root, "app_id"),
                new Uri(Text(root, "api_base_url"), UriKind.Absolute),
                Text(root, "access_token"),
                DateTimeOffset.Parse(Text(root, "access_token_expires_at"), CultureInfo.InvariantCulture),
                Text(root, "refresh_token"),
                root.TryGetProperty("refresh_token_expires_at", out var refreshExpiry) && refreshExpiry.ValueKind == JsonValueKind.String
                    ? DateTimeOffset.Parse(refreshExpiry.GetString()!, CultureInfo.InvariantCulture) : null,
                root.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String ? scope.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            throw new LoginStoreException($"{path} is not a stored login pinterest-insights can read (damaged or edited). Run 'pinterest-insights login' to replace it.", e);
        }
    }

    /// <summary>Replaces the stored login: a new file, readable by the user alone, moved over the old one.</summary>
    /// <exception cref="LoginStoreException">A token is one <see cref="Read"/> would refuse: nothing is written.</exception>
    public void Write(StoredLogin login)
    {
        // Only what can be read back is stored (the SDK's token endpoint refuses such tokens first).
        if (!PinterestTokens.IsWellFormed(login.AccessToken) || !PinterestTokens.IsWellFormed(login.RefreshToken))
            throw new LoginStoreException("Pinterest's answer holds a token with a character that cannot be sent (whitespace, a control or non-ASCII character): nothing was stored. Run 'pinterest-insights login' again.");
        var folder = Folder;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, PrivateFolder);
            File.SetUnixFileMode(folder, PrivateFolder);
        }

        var temporary = Path.Combine(folder, $".login.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFile;
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Serialize(login));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Deletes the stored login; false when there was none.</summary>
    /// <exception cref="IOException">The file could not be deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder does not allow deleting it.</exception>
    public bool Delete()
    {
        if (!File.Exists(FilePath))
            return false;
        File.Delete(FilePath);
        return true;
    }

    private static byte[] Serialize(StoredLogin login)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("app_id", login.AppId);
            writer.WriteString("api_base_url", login.ApiBaseUrl.AbsoluteUri);
            writer.WriteString("access_token", login.AccessToken);
            writer.WriteString("access_token_expires_at", login.AccessTokenExpiresAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("refresh_token", login.RefreshToken);
            if (login.RefreshTokenExpiresAt is { } refreshExpiry)
                writer.WriteString("refresh_token_expires_at", refreshExpiry.ToString("O", CultureInfo.InvariantCulture));
            if (login.Scope is not null)
                writer.WriteString("scope", login.Scope);
            writer.WriteEndObject();
        }
        buffer.Write(Encoding.UTF8.GetBytes("\n"));
        return buffer.ToArray();
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() is { Length: > 0 } value ? value : throw new FormatException($"{name} is empty.");

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
