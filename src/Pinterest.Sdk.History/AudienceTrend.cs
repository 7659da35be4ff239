namespace Pinterest.Sdk.History;

/// <summary>
/// How an audience moved over its stored snapshots: its size on each day, and for each value of one
/// dimension its share and index at the first and last snapshot, the change in points and its path;
/// the biggest moves first.
/// </summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Type">The audience type's wire value.</param>
/// <param name="Dimension">The dimension of <paramref name="Values"/> (an <see cref="AudienceRowDimension"/> value).</param>
/// <param name="Sizes">The audience's size on each snapshot day, oldest first.</param>
/// <param name="Values">Each value's trend, the biggest change (up or down) first.</param>
public sealed record AudienceTrend(string AdAccountId, string Type, string Dimension, IReadOnlyList<AudienceSizePoint> Sizes, IReadOnlyList<AudienceValueTrend> Values)
{
    /// <summary>The first snapshot day, or null when there is none.</summary>
    public DateOnly? FirstDate => Sizes.Count > 0 ? Sizes[0].Date : null;

    /// <summary>The last snapshot day, or null when there is none.</summary>
    public DateOnly? LastDate => Sizes.Count > 0 ? Sizes[^1].Date : null;

    /// <summary>The trend of one type and dimension in <paramref name="history"/>.</summary>
    /// <param name="history">The account's history (<see cref="AudienceHistoryStore.ReadAsync"/>).</param>
    /// <param name="type">The audience type.</param>
    /// <param name="dimension">An <see cref="AudienceRowDimension"/> value with values (not <see cref="AudienceRowDimension.Audience"/>).</param>
    /// <returns>The trend; no sizes and no values when the history has no snapshot of that type.</returns>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="AudienceRowDimension.WithValues"/>.</exception>
    public static AudienceTrend Of(AudienceHistory history, AudienceInsightType type, string dimension)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!AudienceRowDimension.WithValues.Contains(dimension))
            throw new ArgumentException($"'{dimension}' is not a dimension with values ({string.Join(", ", AudienceRowDimension.WithValues)}).", nameof(dimension));
        var wireType = type.ToWireValue();
        var snapshots = history.Snapshots.Where(s => s.Type == wireType).OrderBy(s => s.SnapshotDate).ToList();
        var sizes = snapshots.Select(s => new AudienceSizePoint(s.SnapshotDate, s.Size)).ToList();
        if (snapshots.Count == 0)
            return new AudienceTrend(history.AdAccountId, wireType, dimension, sizes, []);

        var first = snapshots[0].SnapshotDate;
        var last = snapshots[^1].SnapshotDate;
        var values = snapshots
            .SelectMany(s => s.Rows.Where(r => r.Dimension == dimension).Select(r => (s.SnapshotDate, Row: r)))
            .GroupBy(p => p.Row.Key ?? p.Row.Name ?? "", StringComparer.Ordinal)
            .Select(g =>
            {
                var path = g.Select(p => new AudienceValuePoint(p.SnapshotDate, p.Row.Ratio, p.Row.Index)).OrderBy(p => p.Date).ToList();
                var atFirst = path.FirstOrDefault(p => p.Date == first);
                var atLast = path.LastOrDefault(p => p.Date == last);
                var name = g.OrderBy(p => p.SnapshotDate).Last().Row.Name ?? g.Key;
                return new AudienceValueTrend(g.Key, name, atFirst?.Share, atLast?.Share, atFirst?.Index, atLast?.Index, path);
            })
            .OrderByDescending(v => Math.Abs(v.ChangePoints ?? 0))
            .ThenBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
        return new AudienceTrend(history.AdAccountId, wireType, dimension, sizes, values);
    }
}

/// <summary>The audience's size on one snapshot day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Size">The size Pinterest gave.</param>
public sealed record AudienceSizePoint(DateOnly Date, long? Size);

/// <summary>A value's share and index on one snapshot day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Share">Its share of the audience, 0 to 1.</param>
/// <param name="Index">Pinterest's index (categories and subcategories).</param>
public sealed record AudienceValuePoint(DateOnly Date, double? Share, double? Index);

/// <summary>One value's trend.</summary>
/// <param name="Key">Pinterest's key of the value.</param>
/// <param name="Name">Its latest display name.</param>
/// <param name="FirstShare">Its share at the first snapshot; null when it was not there.</param>
/// <param name="LastShare">Its share at the last snapshot; null when it was not there.</param>
/// <param name="FirstIndex">Its index at the first snapshot.</param>
/// <param name="LastIndex">Its index at the last snapshot.</param>
/// <param name="Path">Its share and index on each day it was there, oldest first.</param>
public sealed record AudienceValueTrend(string Key, string Name, double? FirstShare, double? LastShare, double? FirstIndex, double? LastIndex, IReadOnlyList<AudienceValuePoint> Path)
{
    /// <summary>The change of its share in percentage points, from the first snapshot to the last (a value missing at one end counts as 0).</summary>
    public double? ChangePoints => FirstShare is null && LastShare is null ? null : ((LastShare ?? 0) - (FirstShare ?? 0)) * 100;
}
