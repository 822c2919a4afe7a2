using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// One stored trial: its number (proposal order, from 0), the architecture, its state, the reward and
/// metrics when complete, and the last failure reason. <see cref="Attempts"/> counts the attempts started
/// (claims), so a claimed trial's (<see cref="Number"/>, <see cref="Worker"/>, <see cref="Attempts"/>) is its
/// lease token. Immutable snapshot.
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
    DateTimeOffset? Finished)
{
    /// <summary>How many results the strategy had been told when it proposed this trial: replaying proposals and
    /// tells in this interleaving rebuilds the strategy's state exactly.</summary>
    public long ToldBefore { get; init; }

    /// <summary>The worker holding (or that last held) the trial's lease; null when never claimed.</summary>
    public string? Worker { get; init; }

    /// <summary>When the running trial's lease ends unless renewed (the store's clock).</summary>
    public DateTimeOffset? LeaseExpires { get; init; }

    /// <summary>True when the trial is finished for good (complete or failed).</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Failed;
}
