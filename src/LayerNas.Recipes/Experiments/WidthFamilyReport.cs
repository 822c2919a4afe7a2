namespace LayerNas.Recipes.Experiments;

/// <summary>Outcome of <see cref="WidthFamilyComparison"/>: one row per width multiplier, and the whole wall time in seconds. Immutable.</summary>
public sealed record WidthFamilyReport(string Space, IReadOnlyList<WidthFamilyTarget> Targets, double Seconds)
{
    /// <summary>Mean wall seconds of one proxy trial over every search of the experiment.</summary>
    public double SecondsPerTrial =>
        Targets.Sum(t => t.LayerNasSearchSeconds + t.RandomSearchSeconds) / Math.Max(1, Targets.Sum(t => t.LayerNasTrials + t.RandomTrials));

    /// <summary>Mean seconds of the proxy trials' training loops (data batches, forward, backward, step) over every search.</summary>
    public double TrainSecondsPerTrial =>
        Targets.Sum(t => t.SearchTrainSeconds) / Math.Max(1, Targets.Sum(t => t.LayerNasTrials + t.RandomTrials));

    /// <summary>Every final training of the experiment (all models, all seeds).</summary>
    public IEnumerable<RetrainedModel> Retrained => Targets.SelectMany(t => new[] { t.LayerNas, t.Family, t.Random });
}
