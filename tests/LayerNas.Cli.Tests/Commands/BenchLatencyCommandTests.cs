using LayerNas.Cli.Commands;
using LayerNas.Export.Latency;
using LayerNas.SearchSpaces;

namespace LayerNas.Cli.Tests.Commands;

public class BenchLatencyCommandTests
{
    private static PredictorSample[] Samples(double[] predicted, double[] measured) =>
        predicted.Select((p, i) => new PredictorSample(new Architecture([i]), p, measured[i])).ToArray();

    [Fact]
    public void Spearman_TiedPredictions_AverageRanks()
    {
        // Ranks with ties averaged: predicted [1, 2.5, 2.5, 4], measured [1, 2, 3, 4]; their Pearson correlation is
        // 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10) (scipy.stats.spearmanr gives the same). Ranking ties in input order would say 1.
        var rows = Samples([1, 2, 2, 3], [10, 20, 30, 40]);
        Assert.Equal(3 / Math.Sqrt(10), BenchLatencyCommand.Spearman(rows), 12);
    }

    [Fact]
    public void Spearman_NoTies_ClassicFormula()
    {
        // 1 - 6 * sum(d^2) / (n (n^2 - 1)) with ranks [1, 2, 3, 4, 5] and [2, 1, 4, 3, 5]: d^2 sums to 4, so 1 - 24/120.
        var rows = Samples([1, 2, 3, 4, 5], [0.2, 0.1, 0.4, 0.3, 0.5]);
        Assert.Equal(0.8, BenchLatencyCommand.Spearman(rows), 12);
    }

    [Fact]
    public void Spearman_AllMeasuredTied_NotANumber()
    {
        // No ordering to correlate with: undefined, not a misleading 1.
        Assert.True(double.IsNaN(BenchLatencyCommand.Spearman(Samples([1, 2, 3], [5, 5, 5]))));
    }
}
