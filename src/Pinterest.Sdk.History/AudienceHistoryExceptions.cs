namespace Pinterest.Sdk.History;

/// <summary>A file in the history store cannot be read as audience rows (damaged, cut short, or another table's).</summary>
/// <param name="filePath">The file.</param>
/// <param name="reason">Why, from the Parquet reader.</param>
/// <param name="inner">What the reader threw.</param>
public sealed class AudienceHistoryFileException(string filePath, string reason, Exception? inner)
    : IOException($"{filePath} is {reason}", inner)
{
    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; } = filePath;
}

/// <summary>
/// Writing to the history store failed (a full disk, permissions) part way: no partial file is visible,
/// and <see cref="Stored"/> says what was stored before the failure.
/// </summary>
/// <param name="filePath">The file that could not be written.</param>
/// <param name="stored">The files stored before the failure.</param>
/// <param name="inner">What the file system threw.</param>
public sealed class AudienceHistoryWriteException(string filePath, IReadOnlyList<StoredFile> stored, Exception inner)
    : IOException($"Could not write {filePath}: {inner.Message}", inner)
{
    /// <summary>The file that could not be written (nothing of it is left behind).</summary>
    public string FilePath { get; } = filePath;

    /// <summary>The files stored whole before the failure.</summary>
    public IReadOnlyList<StoredFile> Stored { get; } = stored;
}
