namespace LayerNas.Studies;

/// <summary>Life of a trial in a store: Pending → Running (leased) → Complete or Failed; a failed attempt or an
/// expired lease sends it back to Pending until its attempts are spent.</summary>
public enum TrialState
{
    /// <summary>Claimed by a worker and being evaluated; the worker's lease expires unless it sends heartbeats.</summary>
    Running,

    /// <summary>Evaluated; has a reward.</summary>
    Complete,

    /// <summary>Every attempt failed; the strategy treats it as infeasible.</summary>
    Failed,

    /// <summary>Proposed (or given back for another attempt) and waiting for a worker to claim it.</summary>
    Pending,
}
