using LayerNas.Benchmarks.Comparison;

namespace LayerNas.Benchmarks.Tests.Comparison;

public sealed class RankCorrelationTests
{
    [Fact]
    public void Spearman_TextbookPairs_GivesTheKnownRhoAndFisherInterval()
    {
        // IQ against hours of television per week (the worked example of Wikipedia's "Spearman's rank correlation
        // coefficient"): no ties, Σd² = 194, so ρ = 1 − 6·194/(10·99) = −29/165.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        var r = RankCorrelation.Spearman(iq, tv);

        Assert.Equal(-29.0 / 165, r.Rho, 12);
        Assert.Equal(10, r.Count);
        // tanh(atanh ρ ± 1.96·√((1 + ρ²/2)/7)), computed by hand.
        Assert.Equal(-0.7278300282394071, r.Low, 9);
        Assert.Equal(0.5145466616329561, r.High, 9);
    }

    [Fact]
    public void Spearman_TiedValues_ShareTheirAverageRank()
    {
        // x ranks 1, 2.5, 2.5, 4, 6, 5; y ranks 2, 1, 3, 4, 6, 5: Pearson of the ranks = 0.898645105261295.
        var r = RankCorrelation.Spearman([1, 2, 2, 3, 5, 4], [2, 1, 3, 4, 6, 5]);

        Assert.Equal(0.898645105261295, r.Rho, 12);
        Assert.True(r.Low < r.Rho && r.Rho < r.High && r.High < 1);
    }

    [Fact]
    public void Spearman_MonotoneButNonlinear_IsOneOrMinusOneWithAPointInterval()
    {
        double[] x = [0.5, 1, 2, 3, 4, 7, 9];
        var up = RankCorrelation.Spearman(x, x.Select(Math.Exp).ToArray());
        var down = RankCorrelation.Spearman(x, x.Select(v => -v * v * v).ToArray());

        Assert.Equal((1.0, 1.0, 1.0), (up.Rho, up.Low, up.High));
        Assert.Equal((-1.0, -1.0, -1.0), (down.Rho, down.Low, down.High));
    }

    [Fact]
    public void Spearman_ThreePairs_HasTheWholeRangeAsInterval()
    {
        var r = RankCorrelation.Spearman([1, 2, 3], [1, 3, 2]);

        Assert.Equal(0.5, r.Rho, 12);
        Assert.Equal((-1.0, 1.0), (r.Low, r.High));
    }

    [Fact]
    public void Spearman_OneSideWithoutSpread_IsNaN()
    {
        var r = RankCorrelation.Spearman([1, 2, 3, 4, 5], [50, 50, 50, 50, 50]);

        Assert.True(double.IsNaN(r.Rho) && double.IsNaN(r.Low) && double.IsNaN(r.High));
    }
}
