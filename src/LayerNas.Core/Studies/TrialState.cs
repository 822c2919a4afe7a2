namespace LayerNas.Studies;

/// <summary>Life of a trial in a store.</summary>
public enum TrialState
{
    /// <summary>Proposed and being evaluated (held by a worker's lease).</summary>
    Running,

    /// <summary>Evaluated; has a reward.</summary>
    Complete,

    /// <summary>Every attempt failed; the strategy treats it as infeasible.</summary>
    Failed,
}
