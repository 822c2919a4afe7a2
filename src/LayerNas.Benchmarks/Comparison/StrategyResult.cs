namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// One strategy's statistics over the runs of a setting: per budget, the reported accuracy of the chosen
/// architecture (the best by reward so far). <see cref="Finish"/> is set for strategies that finish on their
/// own (LayerNAS). <see cref="Evaluations"/> counts every evaluation of every run; <see cref="ThreadSeconds"/> is the
/// wall time its runs spent on worker threads, summed (it includes waiting for the CPU on a busy machine); <see cref="ToOracle"/>
/// says how soon the runs reached the reward oracle. Immutable.
/// </summary>
public sealed record StrategyResult(string Name, IReadOnlyList<BudgetStats> Budgets, FinishStats? Finish, long Evaluations, double ThreadSeconds,
    OracleTime? ToOracle = null);
