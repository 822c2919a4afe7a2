namespace LayerNas.Benchmarks.Tables;

/// <summary>How a search or a comparison queries a table's rewards.</summary>
public enum RewardNoise
{
    /// <summary>Every query returns the table's reward (deterministic).</summary>
    None,

    /// <summary>
    /// Every query returns one recorded training of the architecture, drawn from the run's seed, the architecture and
    /// the attempt (<see cref="RecordedRewards"/>; <see cref="TabularBenchmark.WithRewardNoise"/>), as real training would differ.
    /// </summary>
    Seed,
}
