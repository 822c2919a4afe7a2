namespace LayerNas.Studies;

/// <summary>How a <see cref="StudyRunner"/> drives a study in this process. Immutable.</summary>
public sealed record RunnerOptions
{
    /// <summary>Evaluations running at once in this process; each gets its slot index 0..N-1 (e.g. to pick a GPU).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Stop proposing at this many trials (null: the study definition's budget, else when the strategy finishes).</summary>
    public int? TrialBudget { get; init; }

    /// <summary>Attempts per trial that may fail (the evaluation failed, timed out or gave no valid result) before it is recorded
    /// as failed. An attempt that ended because its worker died or was stopped is an interruption and uses none.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Wait before the second attempt; doubles with each further attempt (capped at 10 minutes).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed trial stays leased without a heartbeat; then another worker may take it over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running trial renews its lease (null: a third of <see cref="Lease"/>).</summary>
    public TimeSpan? Heartbeat { get; init; }

    /// <summary>How often an idle runner looks for new work that other workers made possible.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>True: create the study or resume it (search). False: join an existing study (worker); its stored definition rules.</summary>
    public bool CreateStudy { get; init; } = true;

    /// <summary>
    /// On start, end at once the leases of dead processes of this machine (worker names host:pid:random whose pid is
    /// gone), so a resumed search retries its interrupted trial without waiting for the lease. Only safe where every
    /// worker is on this machine (SQLite, memory): on a shared database another machine may have the same host name.
    /// </summary>
    public bool EndDeadLocalLeases { get; init; } = true;

    /// <summary>This runner's name in leases (null: host:pid:random).</summary>
    public string? WorkerId { get; init; }
}
