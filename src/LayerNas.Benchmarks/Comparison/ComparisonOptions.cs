using LayerNas.Benchmarks.Tables;
using LayerNas.Strategies;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// What a many-seed comparison runs: benchmarks x rewards x cost bounds (the settings) x strategies x runs,
/// each run searching up to the largest budget. Budgets are unique evaluations, or simulated training
/// seconds from the table when <see cref="TimeBudgets"/> is set. Immutable.
/// </summary>
public sealed record ComparisonOptions
{
    /// <summary>Built-in benchmark names; <c>all</c> means <see cref="BenchmarkCatalog.ComparisonSet"/>.</summary>
    public IReadOnlyList<string> Benchmarks { get; init; } = ["all"];

    /// <summary>Reward signals; a benchmark without one of them uses its default reward (each setting once).</summary>
    public IReadOnlyList<string>? Rewards { get; init; }

    /// <summary>
    /// Upper cost bounds: absolute (<c>120</c>), relative to the dearest architecture (<c>0.5x</c>), <c>none</c>, or a
    /// range such as <c>0.1x..0.9x</c> (<see cref="CostBoundGrid"/>). A bound of a sweep that no architecture of a
    /// table can meet is skipped and listed in <see cref="ComparisonReport.Skipped"/>.
    /// </summary>
    public IReadOnlyList<string> MaxCosts { get; init; } = ["0.5x"];

    /// <summary>The constrained cost columns (e.g. <c>flops</c>, <c>params</c>): one setting per cost and bound.</summary>
    public IReadOnlyList<string> Costs { get; init; } = ["flops"];

    /// <summary>Whether each query draws one recorded training (<see cref="RewardNoise.Seed"/>) instead of the table's reward.</summary>
    public RewardNoise RewardNoise { get; init; } = RewardNoise.None;

    /// <summary>The strategies compared, each with its settings (a plain name means that strategy's defaults); by default every registered one.</summary>
    public IReadOnlyList<StrategyRecipe> Strategies { get; init; } = StrategyRegistry.Names.Select(n => new StrategyRecipe(n)).ToArray();

    /// <summary>Runs (seeds) per setting and strategy.</summary>
    public int Runs { get; init; } = 100;

    /// <summary>Seed of run 0; run r uses <c>Seed + r</c> for every strategy.</summary>
    public int Seed { get; init; }

    /// <summary>Unique-evaluation budgets at which the answer is recorded.</summary>
    public IReadOnlyList<int> Budgets { get; init; } = [25, 50, 100, 200, 400, 800];

    /// <summary>Simulated-seconds budgets; when set, they replace <see cref="Budgets"/>.</summary>
    public IReadOnlyList<double>? TimeBudgets { get; init; }

    /// <summary>Threads; null means every core.</summary>
    public int? MaxParallelism { get; init; }

    public bool IsTimeBudget => TimeBudgets is not null;

    /// <summary>Six doubling time budgets ending at <paramref name="max"/> seconds (max/32 .. max), for a one-number --time-budget.</summary>
    public static IReadOnlyList<double> TimeBudgetSteps(double max) => Enumerable.Range(0, 6).Select(i => max / Math.Pow(2, 5 - i)).ToArray();

    /// <summary>The budgets as numbers (evaluations or seconds), ascending.</summary>
    public IReadOnlyList<double> BudgetValues => TimeBudgets ?? Budgets.Select(b => (double)b).ToArray();

    public void Validate()
    {
        if (Runs < 1) throw UserInputException.ForSetting("runs", $"{Runs}: run each strategy at least once.");
        if (Strategies.Count == 0) throw UserInputException.ForSetting("strategies", "is empty: name at least one strategy.");
        foreach (var s in Strategies) _ = s.Registration; // an unknown name is refused here, naming the known ones
        if (Strategies.Select(s => s.Registration.Name).Distinct().Count() < Strategies.Count)
            throw UserInputException.ForSetting("strategies", "names a strategy twice: compare each once.");
        if (Benchmarks.Count == 0) throw UserInputException.ForSetting("benchmarks", "is empty: name at least one benchmark, or all.");
        if (MaxCosts.Count == 0) throw UserInputException.ForSetting("max_costs", "is empty: give a bound such as 0.5x, or none.");
        if (Costs.Count == 0) throw UserInputException.ForSetting("costs", "is empty: name a cost such as flops.");
        var budgets = BudgetValues;
        string which = IsTimeBudget ? "time_budgets" : "budgets";
        if (budgets.Count == 0) throw UserInputException.ForSetting(which, "is empty: give budgets such as 25,50,100.");
        for (int i = 0; i < budgets.Count; i++)
        {
            if (!(budgets[i] > 0 && double.IsFinite(budgets[i])))
                throw UserInputException.ForSetting(which, $"{budgets[i]}: budgets must be positive.");
            if (i > 0 && budgets[i] <= budgets[i - 1])
                throw UserInputException.ForSetting(which, $"{budgets[i - 1]}, {budgets[i]}: list budgets in increasing order.");
        }
        if (MaxParallelism is < 1) throw UserInputException.ForSetting("threads", $"{MaxParallelism}: use at least 1.");
    }
}
