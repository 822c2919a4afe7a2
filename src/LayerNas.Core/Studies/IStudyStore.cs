using LayerNas.Evaluation;

namespace LayerNas.Studies;

/// <summary>
/// The single source of truth of a study: its definition and every trial with its state and lease. Every
/// process that works on a study (one `layernas search`, many `layernas worker`s) coordinates only through
/// it. Implementations are safe for concurrent use by many runners, in one process or (for database stores)
/// in many processes and machines.
/// </summary>
/// <remarks>
/// Protocol: <see cref="ProposeAsync"/> runs the strategy step under a per-study lock, so proposals are made
/// one writer at a time from the stored trials; <see cref="ClaimAsync"/> leases pending trials (skipping
/// those leased by others); the holder renews the lease with <see cref="HeartbeatAsync"/> and ends it with
/// <see cref="CompleteAsync"/>, <see cref="FailAsync"/>, <see cref="RetryAsync"/> or <see cref="ReleaseAsync"/>. Those succeed only
/// for the current lease (same number, worker and attempt), so each trial is recorded exactly once even when
/// a lease expired and another worker took the trial over.
/// </remarks>
public interface IStudyStore : IAsyncDisposable
{
    /// <summary>A short description for messages, with any password redacted.</summary>
    string Description { get; }

    /// <summary>
    /// Creates the study, or opens it when it exists with a compatible definition (<see cref="StudyCompatibility"/>;
    /// the stored definition takes the requested trial budget). Returns the stored definition.
    /// </summary>
    Task<StudyDefinition> CreateOrOpenAsync(StudyDefinition definition, CancellationToken cancellationToken);

    /// <summary>The stored definition of a study, or null when there is none of that name.</summary>
    Task<StudyDefinition?> FindAsync(string study, CancellationToken cancellationToken);

    /// <summary>Every study with its progress, by name.</summary>
    Task<IReadOnlyList<StudySummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Trials of the study numbered <paramref name="fromNumber"/> and above, in proposal order.</summary>
    Task<IReadOnlyList<Trial>> GetTrialsAsync(string study, long fromNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Under the study's exclusive lock: reads the trials numbered <paramref name="fromNumber"/> and above, calls
    /// <paramref name="plan"/> with them and stores what it returns as new pending trials numbered after the last.
    /// <paramref name="plan"/> is called once; when this method throws after calling it, whether the proposals were
    /// stored is unknown, so the caller must discard the state <paramref name="plan"/> changed. Returns the new trials.
    /// </summary>
    Task<IReadOnlyList<Trial>> ProposeAsync(string study, long fromNumber, Func<IReadOnlyList<Trial>, IReadOnlyList<ProposedTrial>> plan,
        CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> trials to <paramref name="worker"/>, lowest numbers first: pending
    /// trials whose retry delay has passed and running trials whose lease expired (their previous worker is
    /// presumed dead; the attempt it held counts as an interruption, <see cref="Trial.Interruptions"/>). Each claim
    /// starts an attempt. Returns the claimed trials (state Running).
    /// </summary>
    Task<IReadOnlyList<Trial>> ClaimAsync(string study, string worker, int maxCount, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the lease of <paramref name="claimed"/> to end <paramref name="lease"/> from now; false when the lease was lost.
    /// A negative <paramref name="lease"/> ends it at once (used for the leases of a dead process of this machine).
    /// </summary>
    Task<bool> HeartbeatAsync(string study, Trial claimed, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records the evaluation of a claimed trial; false (and nothing changes) when the lease was lost.</summary>
    Task<bool> CompleteAsync(string study, Trial claimed, Evaluation.Evaluation evaluation, CancellationToken cancellationToken);

    /// <summary>Records that a claimed trial failed for good; false when the lease was lost.</summary>
    Task<bool> FailAsync(string study, Trial claimed, string reason, CancellationToken cancellationToken);

    /// <summary>Gives a claimed trial back after a failed attempt: pending again, claimable after <paramref name="delay"/>.</summary>
    Task<bool> RetryAsync(string study, Trial claimed, string reason, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a claimed trial back unjudged (its worker is stopping): pending again and claimable at once, the attempt
    /// counted as an interruption, so it uses none of the trial's attempts. False when the lease was lost.
    /// </summary>
    Task<bool> ReleaseAsync(string study, Trial claimed, CancellationToken cancellationToken);
}
