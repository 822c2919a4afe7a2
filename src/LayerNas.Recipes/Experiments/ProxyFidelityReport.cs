using LayerNas.Benchmarks.Comparison;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// Outcome of <see cref="ProxyFidelity"/>: the MAdds budget, every architecture with its proxy score and final
/// trainings, Spearman's ρ of proxy score against mean final test accuracy with its 95% interval, and the wall
/// seconds of the proxy trainings and of the whole measurement. Immutable.
/// </summary>
public sealed record ProxyFidelityReport(string Space, double BudgetMAdds, IReadOnlyList<FidelityPoint> Points, RankCorrelation ProxyVersusFinal,
    double ProxySeconds, double Seconds);
