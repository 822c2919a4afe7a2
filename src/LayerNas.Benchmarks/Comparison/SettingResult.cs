namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// The results of one setting (benchmark, reward, cost bound): the oracle and every strategy's statistics.
/// <see cref="MaxCostValue"/> is the absolute bound (null when unconstrained). <see cref="Lead"/>: how <c>layernas</c>
/// fares against the baselines (null when it did not run). Immutable.
/// </summary>
public sealed record SettingResult(
    string Setting,
    string Key,
    string Benchmark,
    string Reward,
    string Cost,
    string CostUnit,
    string MaxCost,
    double? MaxCostValue,
    int FeasibleCount,
    OracleSummary Oracle,
    IReadOnlyList<StrategyResult> Strategies,
    SettingLead? Lead = null);
