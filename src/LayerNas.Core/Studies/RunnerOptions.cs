namespace LayerNas.Studies;

/// <summary>How a <see cref="StudyRunner"/> drives a search. Immutable.</summary>
public sealed record RunnerOptions
{
    /// <summary>Evaluations running at once in this process (each gets its slot index).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Stop after this many unique evaluations (null: when the strategy finishes).</summary>
    public int? TrialBudget { get; init; }

    /// <summary>Tries per trial before it is recorded as failed.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Wait before the second try; doubles with each further try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
