using LayerNas.Benchmarks.Comparison;

namespace LayerNas.Benchmarks.Tests.Comparison;

public class LeadAnalysisTests
{
    private static BudgetStats Stats(double budget, double mean, double sd, double hit = 0, double p25 = double.NaN) =>
        new(budget, mean, double.IsNaN(p25) ? mean : p25, mean, hit, 100, sd);

    private static SettingResult Setting(params StrategyResult[] strategies) =>
        new("s", "s", "b", "r", "flops", "M", "0.5x", 1, 10, new OracleSummary(90, 89, "0", "0", 80), strategies);

    [Fact]
    public void Of_Cells_LedByMeanByOracleOrTieOnlyWhereTiesAreAllowed()
    {
        var me = new StrategyResult("layernas",
            [Stats(25, 90.0, 0), Stats(50, 89.0, 0, hit: 1), Stats(100, 88.95, 0.3), Stats(200, 88.0, 0.3)],
            new FinishStats(150, 140, 160, 100, Stats(150, 89, 0.2, 0.5, p25: 88.8)), 1, 0);
        var rival = new StrategyResult("ppo", [Stats(25, 89.5, 0.5), Stats(50, 89.5, 0.5), Stats(100, 89.0, 0.3), Stats(200, 89.0, 0.3, p25: 88.9)], null, 1, 0);
        var noisy = LeadAnalysis.Of(Setting(me, rival), "layernas", tiesByInterval: true)!;
        Assert.Equal([true, true, true, false], noisy.Cells.Select(c => c.Led));
        Assert.Equal(0.5, noisy.Cells[0].Margin!.Value, 9);
        Assert.True(noisy.Cells[1].AllAtOracle);
        Assert.True(noisy.Cells[2].TiedByInterval); // 0.05 behind, half-width about 0.08
        Assert.Equal(1.96 * Math.Sqrt(2 * 0.09 / 100), noisy.Cells[2].HalfWidth, 2);
        Assert.False(noisy.Cells[3].TiedByInterval); // a point behind: not a tie
        Assert.Equal(200, noisy.RivalP25Budget); // the first budget at or after the last run finished (160)
        Assert.Equal(88.9, noisy.RivalP25!.Value, 9);
        Assert.False(noisy.FinalP25Holds); // 88.8 < 88.9
        var exact = LeadAnalysis.Of(Setting(me, rival), "layernas", tiesByInterval: false)!;
        Assert.False(exact.Cells[2].Led);
        Assert.Null(LeadAnalysis.Of(Setting(rival), "layernas", true));
    }

    [Fact]
    public void Of_RewardMargin_AgainstTheSameRivalAndAheadOnRewardOnlyWhereNotLed()
    {
        static BudgetStats WithReward(double budget, double mean, double? reward) => Stats(budget, mean, 0) with { Reward = reward };
        var me = new StrategyResult("layernas", [WithReward(25, 90, 80.5), WithReward(50, 89, 81), WithReward(100, 89, 79), WithReward(200, 89, null)], null, 1, 0);
        var ppo = new StrategyResult("ppo", [WithReward(25, 89, 80), WithReward(50, 90, 80), WithReward(100, 90, 80), WithReward(200, 90, 80)], null, 1, 0);
        var lead = LeadAnalysis.Of(Setting(me, ppo), "layernas", tiesByInterval: false)!;
        Assert.Equal([0.5, 1, -1], lead.Cells.Take(3).Select(c => Math.Round(c.RewardMargin!.Value, 9)));
        Assert.Null(lead.Cells[3].RewardMargin);
        // Led at 25 (not "ahead on reward", which describes losses); lost at 50 with the higher reward; lost at 100 on both.
        Assert.Equal([false, true, false, false], lead.Cells.Select(c => c.AheadOnReward));
    }

    [Fact]
    public void Of_Rivals_OnlyThoseThePredicateAccepts()
    {
        var me = new StrategyResult("layernas", [Stats(25, 90, 0)], null, 1, 0);
        var paper = new StrategyResult("layernas-paper", [Stats(25, 95, 0)], null, 1, 0);
        var ppo = new StrategyResult("ppo", [Stats(25, 89, 0)], null, 1, 0);
        var lead = LeadAnalysis.Of(Setting(me, paper, ppo), "layernas", false, n => !n.StartsWith("layernas", StringComparison.Ordinal))!;
        Assert.Equal("ppo", lead.Cells[0].Rival);
        Assert.True(lead.Cells[0].Led);
    }

    [Fact]
    public void MeanDifference_KnownCases()
    {
        Assert.Equal(0, MeanDifference.Of(1, 0, 100, 2, 0, 100).HalfWidth);
        Assert.Equal(-1, MeanDifference.Of(1, 0, 100, 2, 0, 100).Difference);
        // Equal spreads, 100 runs each: Welch's ν = 198, t = 1.972.
        Assert.Equal(1.972 * Math.Sqrt(2.0 / 100), MeanDifference.Of(0, 1, 100, 0, 1, 100).HalfWidth, 3);
        Assert.Equal(2.228, MeanDifference.StudentT975(10), 3);
        Assert.Equal(2.042, MeanDifference.StudentT975(30), 3);
        Assert.Equal(1.984, MeanDifference.StudentT975(100), 3);
    }
}
