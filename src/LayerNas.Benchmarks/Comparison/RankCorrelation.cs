using MathNet.Numerics.Statistics;

namespace LayerNas.Benchmarks.Comparison;

/// <summary>
/// Spearman's rank correlation of paired values (tied values share their average rank: MathNet's
/// <see cref="Correlation.Spearman"/>) with its 95% confidence interval by Fisher's z transform and Bonett and
/// Wright's (2000) variance for Spearman's ρ: tanh(atanh ρ ± 1.96·√((1 + ρ²/2)/(n − 3))). With fewer than 4 pairs
/// the interval is [−1, 1]; with |ρ| = 1 it is the point ρ; when either side has no spread (all values equal) ρ and
/// the interval are NaN. Immutable.
/// </summary>
public sealed record RankCorrelation(double Rho, double Low, double High, int Count)
{
    /// <summary>The rank correlation of <paramref name="x"/> and <paramref name="y"/> (same length, at least 2).</summary>
    public static RankCorrelation Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Spearman: {x.Count} values against {y.Count}; give pairs.");
        if (x.Count < 2) throw new ArgumentException($"Spearman: {x.Count} pairs; give at least 2.");
        double rho = Correlation.Spearman(x, y);
        int n = x.Count;
        if (double.IsNaN(rho)) return new RankCorrelation(rho, double.NaN, double.NaN, n);
        if (n < 4) return new RankCorrelation(rho, -1, 1, n);
        if (Math.Abs(rho) >= 1) return new RankCorrelation(rho, rho, rho, n);
        const double z975 = 1.959963984540054;
        double z = Math.Atanh(rho), se = Math.Sqrt((1 + rho * rho / 2) / (n - 3));
        return new RankCorrelation(rho, Math.Tanh(z - z975 * se), Math.Tanh(z + z975 * se), n);
    }
}
