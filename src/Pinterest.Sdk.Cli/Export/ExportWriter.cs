using System.Globalization;
using System.Text;

namespace Pinterest.Sdk.Cli.Export;

/// <summary>Writing the export failed (a full disk, a closed pipe, permissions): the run stops, and what was written stays.</summary>
internal sealed class ExportWriteException(string destination, Exception inner)
    : IOException($"Could not write to {destination}: {inner.Message}", inner)
{
    public string Destination { get; } = destination;
}

/// <summary>
/// Writes one exported account and audience type as one block of <paramref name="format"/>: each block
/// is written in one call and flushed, so only the last block of a file can be cut short, and
/// <c>--resume</c> can find it. The header goes before the first block when <paramref name="writeHeader"/>.
/// </summary>
internal sealed class ExportWriter(TextExportFormat format, Stream output, string destination, bool writeHeader) : ExportSink
{
    private bool _headerPending = writeHeader && format.Header is not null;

    public override async Task WriteAsync(string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, DateTimeOffset fetchedAt, CancellationToken cancellationToken)
    {
        using var block = new StringWriter(CultureInfo.InvariantCulture);
        if (_headerPending)
            block.Write(format.Header + "\n");
        format.WriteBlock(block, adAccountId, type, insights, fetchedAt);
        var bytes = Encoding.UTF8.GetBytes(block.ToString());
        try
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            _headerPending = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ExportWriteException(destination, e);
        }
    }

    /// <summary>Every block is in the output as soon as it is written.</summary>
    public override Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override ValueTask DisposeAsync() => output.DisposeAsync();
}
