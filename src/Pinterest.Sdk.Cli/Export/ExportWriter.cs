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
internal sealed class ExportWriter(ExportFormat format, Stream output, string destination, bool writeHeader)
{
    private bool _headerPending = writeHeader && format.Header is not null;

    /// <summary>Writes the block of <paramref name="adAccountId"/> and <paramref name="type"/>.</summary>
    /// <exception cref="ExportWriteException">The output refused the write.</exception>
    public async Task WriteAsync(string adAccountId, AudienceInsightType type, AudienceInsightsResponse insights, CancellationToken cancellationToken)
    {
        using var block = new StringWriter(CultureInfo.InvariantCulture);
        if (_headerPending)
            block.Write(format.Header + "\n");
        format.WriteBlock(block, adAccountId, EnumWireValues.Of(type)!, insights);
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
}
