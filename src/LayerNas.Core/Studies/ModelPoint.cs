using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// One evaluated model on the cost/reward plane: its architecture, cost (in the constrained cost's unit), reward
/// and reported metrics; where known, its trial number, the memorial-table bucket it won and when it finished.
/// What fronts, reports, plots and printed results are made of. Immutable.
/// </summary>
public sealed record ModelPoint(Architecture Architecture, double Cost, double Reward, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The trial that evaluated it; null when the model is not a trial of a study.</summary>
    public long? Trial { get; init; }

    /// <summary>The cost bucket of the final memorial table it is the best of; null when it is not a bucket's best.</summary>
    public int? Bucket { get; init; }

    /// <summary>Seconds from the study's first trial start to this trial's end; null when not recorded.</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public double? Metric(string name) => Metrics.TryGetValue(name, out var v) ? v : null;
}
