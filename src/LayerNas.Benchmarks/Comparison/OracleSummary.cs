namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The exhaustive answers of a setting: the best reported (test) accuracy of any feasible architecture
/// (<see cref="BestTest"/>) and the reported accuracy of the feasible architecture with the best reward
/// (<see cref="RewardTest"/>, what a perfect search by reward finds). Immutable.
/// </summary>
public sealed record OracleSummary(double BestTest, double RewardTest, string BestArch, string RewardArch, double BestReward);
