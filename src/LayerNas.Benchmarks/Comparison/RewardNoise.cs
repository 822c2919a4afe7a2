namespace LayerNas.Benchmarks.Comparison;

/// <summary>How a comparison queries rewards.</summary>
public enum RewardNoise
{
    /// <summary>Every query returns the table's reward (deterministic).</summary>
    None,

    /// <summary>Every query returns one recorded training of the architecture, drawn from the run's seed (<see cref="Tables.RecordedRewards"/>).</summary>
    Seed,
}
