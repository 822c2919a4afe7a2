namespace LayerNas.Benchmarks.Comparison;

/// <summary>The options a comparison ran with. <see cref="BudgetUnit"/> is <c>evaluations</c> or <c>seconds</c>. Immutable.</summary>
public sealed record ComparisonRunInfo(
    IReadOnlyList<string> Strategies,
    int Runs,
    int Seed,
    string BudgetUnit,
    IReadOnlyList<double> Budgets,
    string Cost,
    IReadOnlyList<string> MaxCosts,
    int Threads);
