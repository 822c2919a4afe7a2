namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// For strategies that finish on their own: the evaluations the runs needed (runs go on past the largest
/// budget until they finish) and the statistics of the final answer. Immutable.
/// </summary>
public sealed record FinishStats(double MeanEvaluations, int MinEvaluations, int MaxEvaluations, int FinishedRuns, BudgetStats Final);
