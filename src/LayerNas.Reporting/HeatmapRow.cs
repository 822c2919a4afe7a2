namespace LayerNas.Reporting;

/// <summary>
/// One memorial table as a heatmap row: the search step, the layer searched in it and, per cost bucket, the best
/// kept reward (NaN for an empty bucket). Immutable.
/// </summary>
public sealed record HeatmapRow(int Step, int Layer, string LayerName, IReadOnlyList<double> BestRewardPerBucket)
{
    /// <summary>Buckets that kept at least one candidate.</summary>
    public int Filled => BestRewardPerBucket.Count(r => !double.IsNaN(r));
}
