using LayerNas.Strategies.LayerNas;

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

    /// <summary>Upper cost bounds: absolute (<c>120</c>), relative to the dearest architecture (<c>0.5x</c>) or <c>none</c>.</summary>
    public IReadOnlyList<string> MaxCosts { get; init; } = ["0.5x"];

    /// <summary>The constrained cost column (e.g. <c>flops</c>).</summary>
    public string Cost { get; init; } = "flops";

    public IReadOnlyList<string> Strategies { get; init; } = ["layernas", "layernas-paper", "random", "evolution", "ppo"];

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

    /// <summary>Options of the <c>layernas</c> strategy (the best mode); null = <see cref="LayerNasOptions.Default"/>. <c>layernas-paper</c> is always the paper's.</summary>
    public LayerNasOptions? LayerNas { get; init; }

    public bool IsTimeBudget => TimeBudgets is not null;

    /// <summary>Six doubling time budgets ending at <paramref name="max"/> seconds (max/32 .. max), for a one-number --time-budget.</summary>
    public static IReadOnlyList<double> TimeBudgetSteps(double max) => Enumerable.Range(0, 6).Select(i => max / Math.Pow(2, 5 - i)).ToArray();

    /// <summary>The budgets as numbers (evaluations or seconds), ascending.</summary>
    public IReadOnlyList<double> BudgetValues => TimeBudgets ?? Budgets.Select(b => (double)b).ToArray();

    public void Validate()
    {
        if (Runs < 1) throw new UserInputException($"--runs {Runs}: run each strategy at least once.");
        if (Strategies.Count == 0) throw new UserInputException("--strategies is empty: name at least one strategy.");
        if (Benchmarks.Count == 0) throw new UserInputException("--benchmark is empty: name at least one benchmark, or all.");
        if (MaxCosts.Count == 0) throw new UserInputException("--max-cost is empty: give a bound such as 0.5x, or none.");
        var budgets = BudgetValues;
        if (budgets.Count == 0) throw new UserInputException("--budgets is empty: give budgets such as 25,50,100.");
        for (int i = 0; i < budgets.Count; i++)
        {
            if (!(budgets[i] > 0))
                throw new UserInputException($"{(IsTimeBudget ? "--time-budget" : "--budgets")} {budgets[i]}: budgets must be positive.");
            if (i > 0 && budgets[i] <= budgets[i - 1])
                throw new UserInputException($"{(IsTimeBudget ? "--time-budget" : "--budgets")}: list budgets in increasing order ({budgets[i - 1]} then {budgets[i]}).");
        }
        if (MaxParallelism is < 1) throw new UserInputException($"--threads {MaxParallelism}: use at least 1.");
    }
}
