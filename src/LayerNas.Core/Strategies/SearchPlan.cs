namespace LayerNas.Strategies;

/// <summary>
/// How many evaluations a search will make, known before any training: an upper bound that holds for any
/// rewards, and the range seen when the search is simulated with random rewards. Strategies with more to say
/// (LayerNAS: table size, per-layer bounds) derive from it. Immutable.
/// </summary>
public record SearchPlan(int UpperBound, int SimulatedMin, double SimulatedMean, int SimulatedMax, int Simulations)
{
    /// <summary>Strategy-specific lines for a human reader (e.g. the memorial table's size), in order.</summary>
    public virtual IEnumerable<string> Details() => [];

    /// <summary>Strategy-specific fields for machine-readable output (snake_case name, value), in order.</summary>
    public virtual IEnumerable<KeyValuePair<string, object?>> Fields() => [];
}
