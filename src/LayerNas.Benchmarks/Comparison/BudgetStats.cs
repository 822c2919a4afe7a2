using MathNet.Numerics.Statistics;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// Reported accuracy of the chosen architecture at one budget over the runs: mean, 25th and 75th percentile
/// (linear interpolation), and the share of runs whose chosen architecture has the best feasible reward (the oracle's
/// reward architecture or one tied with it on reward).
/// Values are null when no run had evaluated anything by then. Immutable.
/// </summary>
public sealed record BudgetStats(double Budget, double? Mean, double? P25, double? P75, double HitRate, int Runs)
{
    /// <summary>Statistics of <paramref name="values"/> (NaN = no answer yet) and hits.</summary>
    public static BudgetStats Of(double budget, IReadOnlyList<double> values, IReadOnlyList<bool> hits)
    {
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        double hitRate = hits.Count == 0 ? 0 : (double)hits.Count(h => h) / hits.Count;
        if (present.Length == 0) return new BudgetStats(budget, null, null, null, hitRate, values.Count);
        return new BudgetStats(budget, present.Average(), Percentile(present, 0.25), Percentile(present, 0.75), hitRate, values.Count);
    }

    /// <summary>The q-quantile of ascending <paramref name="sorted"/>, interpolating linearly between ranks (R-7, Excel's PERCENTILE.INC).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        SortedArrayStatistics.QuantileCustom(sorted as double[] ?? sorted.ToArray(), q, QuantileDefinition.R7);
}
