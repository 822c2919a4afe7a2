namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The options a comparison ran with. <see cref="BudgetUnit"/> is <c>evaluations</c> or <c>seconds</c>;
/// <see cref="Costs"/> the constrained costs of the sweep; <see cref="RewardNoise"/> <c>none</c> or <c>seed</c>. Immutable.
/// </summary>
public sealed record ComparisonRunInfo(
    IReadOnlyList<string> Strategies,
    int Runs,
    int Seed,
    string BudgetUnit,
    IReadOnlyList<double> Budgets,
    IReadOnlyList<string> Costs,
    IReadOnlyList<string> MaxCosts,
    int Threads,
    string RewardNoise = "none");
