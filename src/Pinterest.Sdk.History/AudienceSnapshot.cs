namespace Pinterest.Sdk.History;

/// <summary>One answer to keep: an ad account's audience of one type, as Pinterest gave it at <paramref name="FetchedAt"/>.</summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Type">The audience type asked for.</param>
/// <param name="Response">Pinterest's answer.</param>
/// <param name="FetchedAt">When it was fetched.</param>
public sealed record AudienceSnapshot(string AdAccountId, AudienceInsightType Type, AudienceInsightsResponse Response, DateTimeOffset FetchedAt)
{
    /// <summary>The day it is a snapshot of (<see cref="AudienceRow.SnapshotDateOf"/>: Pinterest's date, else the UTC day of the fetch).</summary>
    public DateOnly SnapshotDate => AudienceRow.SnapshotDateOf(AudienceRow.ParseDate(Response.Date), FetchedAt);

    /// <summary>Its rows (<see cref="AudienceRow.From"/>).</summary>
    /// <returns>The rows.</returns>
    public IReadOnlyList<AudienceRow> ToRows() => AudienceRow.From(AdAccountId, Type, Response, FetchedAt);
}
