using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// One stored trial: its number (proposal order, from 0), the architecture, its state, the reward and
/// metrics when complete, and the reason when failed. Immutable snapshot.
/// </summary>
public sealed record Trial(
    long Number,
    Architecture Architecture,
    TrialState State,
    double? Reward,
    IReadOnlyDictionary<string, double> Metrics,
    int Attempts,
    string? Error,
    DateTimeOffset Started,
    DateTimeOffset? Finished);
