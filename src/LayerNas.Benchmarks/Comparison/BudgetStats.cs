using MathNet.Numerics.Statistics;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// Reported accuracy of the chosen architecture at one budget over the runs: mean, sample standard deviation,
/// 25th and 75th percentile (linear interpolation) and their interquartile range, and the share of runs whose chosen
/// architecture has the best feasible reward (the oracle's reward architecture or one tied with it on reward).
/// Values are null when no run had evaluated anything by then; <see cref="Sd"/> is 0 for a single run. <see cref="Reward"/>
/// is the mean noise-free reward of the same answers: what the search maximizes, beside what it reports. Immutable.
/// </summary>
public sealed record BudgetStats(double Budget, double? Mean, double? P25, double? P75, double HitRate, int Runs, double? Sd = null, double? Reward = null)
{
    /// <summary>The interquartile range P75 − P25 (null when there is no answer yet).</summary>
    public double? Iqr => P75 - P25;

    /// <summary>Statistics of <paramref name="values"/> (NaN = no answer yet), hits, and the answers' noise-free <paramref name="rewards"/> (NaN = none).</summary>
    public static BudgetStats Of(double budget, IReadOnlyList<double> values, IReadOnlyList<bool> hits, IReadOnlyList<double>? rewards = null)
    {
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        double hitRate = hits.Count == 0 ? 0 : (double)hits.Count(h => h) / hits.Count;
        if (present.Length == 0) return new BudgetStats(budget, null, null, null, hitRate, values.Count);
        double mean = present.Average();
        double sd = present.Length > 1 ? Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1)) : 0;
        var answered = rewards?.Where(r => !double.IsNaN(r)).ToArray() ?? [];
        return new BudgetStats(budget, mean, Percentile(present, 0.25), Percentile(present, 0.75), hitRate, values.Count, sd,
            answered.Length > 0 ? answered.Average() : null);
    }

    /// <summary>The q-quantile of ascending <paramref name="sorted"/>, interpolating linearly between ranks (R-7, Excel's PERCENTILE.INC).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        SortedArrayStatistics.QuantileCustom(sorted as double[] ?? sorted.ToArray(), q, QuantileDefinition.R7);
}
