namespace Pinterest.Sdk.Cli.Export;

/// <summary>Where the ad account ids of an export come from.</summary>
internal static class AccountSources
{
    /// <summary>
    /// The ids given as arguments, then those of <paramref name="file"/> (standard input for <c>-</c>),
    /// one per line; <c>#</c> starts a comment (a line of its own or after an id), blank lines are skipped.
    /// </summary>
    public static async Task<List<string>> ReadAsync(IReadOnlyList<string> arguments, string? file, Func<Stream> standardInput, CancellationToken cancellationToken)
    {
        var ids = arguments.Select(a => a.Trim()).ToList();
        if (file is null)
            return ids;
        using var reader = file == "-" ? new StreamReader(standardInput()) : OpenText(file);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var id = (comment < 0 ? line : line[..comment]).Trim();
            if (id.Length > 0)
                ids.Add(id);
        }
        return ids;
    }

    private static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--accounts-file {path}: {e.Message}", e);
        }
    }

    /// <summary>Every id, by the route's own rules (the SDK's check before a bulk run), before anything else is done.</summary>
    /// <returns>The ids in their order, each once.</returns>
    /// <exception cref="ArgumentException">An id is not valid; the message gives its position (arguments first, then the file) and the id.</exception>
    public static IReadOnlyList<string> CheckIds(List<string> ids, IReadOnlyCollection<AudienceInsightType> types)
    {
        IReadOnlyList<string> distinct = [];
        foreach (var type in types)
            distinct = AudienceInsightsBulkExtensions.CheckAdAccountIds(ids, type);
        return distinct;
    }
}
