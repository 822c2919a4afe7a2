using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// One stored trial: its number (proposal order, from 0), the architecture, its state, the reward and
/// metrics when complete, and the last failure reason. <see cref="Attempts"/> counts the attempts started
/// (claims), so a claimed trial's (<see cref="Number"/>, <see cref="Worker"/>, <see cref="Attempts"/>) is its
/// lease token; <see cref="Interruptions"/> counts those that ended without a verdict. Immutable snapshot.
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

    /// <summary>Attempts that ended without a verdict on the trial: the worker died or was stopped (its lease expired or
    /// was released). They are not the trial's fault and do not count against the attempts a trial may use.</summary>
    public int Interruptions { get; init; }

    /// <summary>Attempts that ended (or may end) with a verdict: <see cref="Attempts"/> less <see cref="Interruptions"/>.</summary>
    public int AttemptsUsed => Attempts - Interruptions;

    /// <summary>True when the trial is finished for good (complete or failed).</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Failed;
}
