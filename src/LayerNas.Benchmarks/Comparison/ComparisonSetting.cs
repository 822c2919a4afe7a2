using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// One benchmark setting of a comparison: a tabular benchmark (with its reward signal) and a cost constraint.
/// <paramref name="MaxCost"/> is the user's text for the bound (e.g. <c>0.5x</c>, or <c>none</c>). Immutable.
/// </summary>
public sealed record ComparisonSetting(TabularBenchmark Benchmark, CostConstraint Constraint, string MaxCost)
{
    /// <summary>
    /// A readable label, e.g. <c>nb201-cifar10 / valid12 / flops &lt;= 0.5x</c> or <c>nb201-cifar10 / valid12 / flops unconstrained</c>
    /// (the cost still shapes LayerNAS's buckets when nothing bounds it).
    /// </summary>
    public string Label => $"{Benchmark.Name} / {Benchmark.RewardName} / {Constraint.CostName} {(Constraint.IsUnconstrained ? "unconstrained" : $"<= {MaxCost}")}";

    /// <summary>A file-name-safe key, e.g. <c>nb201-cifar10_valid12_flops-0.5x</c> or <c>nb201-cifar10_valid12_flops-none</c>.</summary>
    public string Key => $"{Benchmark.Name}_{Benchmark.RewardName}_{Constraint.CostName}-{(Constraint.IsUnconstrained ? "none" : MaxCost)}";
}
