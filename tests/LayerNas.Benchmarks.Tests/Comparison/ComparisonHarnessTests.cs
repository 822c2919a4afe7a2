using LayerNas.Benchmarks.Comparison;
using LayerNas.Benchmarks.Tables;

namespace LayerNas.Benchmarks.Tests.Comparison;

public class ComparisonHarnessTests
{
    private static readonly string[] All = ["layernas", "layernas-paper", "random", "evolution", "ppo"];

    private static ComparisonReport RunTiny(int? threads = null, string maxCost = "0.5x", IReadOnlyList<double>? timeBudgets = null)
    {
        var bench = TinyTable.Create();
        var options = new ComparisonOptions { Strategies = [.. All], Runs = 12, Budgets = [2, 5, 10, 40], TimeBudgets = timeBudgets, MaxParallelism = threads };
        return ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", maxCost)], options);
    }

    [Fact]
    public void Run_TinyTable_StatisticsAreConsistent()
    {
        var report = RunTiny();
        var setting = Assert.Single(report.Benchmarks);
        Assert.Equal(All, setting.Strategies.Select(s => s.Name));
        var bench = TinyTable.Create();
        var oracle = bench.Oracle(ComparisonHarness.Setting(bench, "flops", "0.5x").Constraint);
        Assert.Equal(oracle.RewardReported, setting.Oracle.RewardTest);
        Assert.Equal(oracle.BestReported, setting.Oracle.BestTest);
        foreach (var strategy in setting.Strategies)
        {
            Assert.Equal([2.0, 5, 10, 40], strategy.Budgets.Select(b => b.Budget));
            foreach (var b in strategy.Budgets)
            {
                Assert.InRange(b.Mean!.Value, 0, setting.Oracle.BestTest);
                Assert.True(b.P25 <= b.P75);
                Assert.InRange(b.HitRate, 0, 1);
            }
        }
        // 40 evaluations exceed the feasible architectures: every exhaustive search ends at the reward oracle.
        Assert.True(setting.FeasibleCount < 40);
        foreach (var name in new[] { "random", "evolution", "ppo" })
        {
            var last = setting.Strategies.Single(s => s.Name == name).Budgets[^1];
            Assert.Equal(1.0, last.HitRate);
            Assert.Equal(setting.Oracle.RewardTest, last.Mean!.Value, 9);
            Assert.Equal(setting.Oracle.BestReward, last.Reward!.Value, 9);
        }
        var layernas = setting.Strategies.Single(s => s.Name == "layernas");
        Assert.NotNull(layernas.Finish);
        Assert.Equal(12, layernas.Finish!.FinishedRuns);
        Assert.InRange(layernas.Finish.MeanEvaluations, 1, setting.FeasibleCount);
        Assert.Null(setting.Strategies.Single(s => s.Name == "random").Finish);
        Assert.Equal(report.Benchmarks.Sum(b => b.Strategies.Sum(s => s.Evaluations)), report.Evaluations);
    }

    [Fact]
    public void Run_EqualRewards_KeepsTheFirstFoundArchitecture()
    {
        // Four architectures share one reward and differ in test accuracy. A later model replaces the chosen one
        // only with a strictly better reward, so after all four the choice is still the first one evaluated.
        var csv = "arch,reward,test,flops\n0-0,80,70,1\n0-1,80,71,2\n1-0,80,72,3\n1-1,80,73,4\n";
        var table = BenchmarkTable.Load(new StringReader(csv), "ties.csv");
        var bench = new TabularBenchmark("ties", table, "reward", "test", [new CostColumn("flops", "flops", "MFLOPs")], null, rewardName: "reward");
        var options = new ComparisonOptions { Strategies = ["random"], Runs = 40, Budgets = [1, 4] };
        var random = Assert.Single(Assert.Single(ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", "none")], options).Benchmarks).Strategies);
        Assert.Equal(random.Budgets[0].Mean!.Value, random.Budgets[1].Mean!.Value, 9);
        Assert.True(random.Budgets[1].P25 < random.Budgets[1].P75, "the first-found architecture differs between seeds");
        Assert.Equal(1.0, random.Budgets[1].HitRate);
    }

    [Fact]
    public void Run_AnswerReward_IsTheMeanRewardOfTheSameAnswers()
    {
        // Reward and test accuracy of each architecture add up to 10, so the means of the answers must too; the lower
        // reward tests higher, as where a search loses on accuracy while it wins on its reward.
        var csv = "arch,reward,test,flops\n0-0,1,9,1\n0-1,2,8,2\n1-0,3,7,3\n1-1,4,6,4\n";
        var table = BenchmarkTable.Load(new StringReader(csv), "sum.csv");
        var bench = new TabularBenchmark("sum", table, "reward", "test", [new CostColumn("flops", "flops", "MFLOPs")], null, rewardName: "reward");
        var options = new ComparisonOptions { Strategies = ["random"], Runs = 40, Budgets = [1, 2, 4] };
        var random = Assert.Single(Assert.Single(ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", "none")], options).Benchmarks).Strategies);
        foreach (var b in random.Budgets) Assert.Equal(10, b.Mean!.Value + b.Reward!.Value, 9);
        Assert.True(random.Budgets[0].Reward < random.Budgets[1].Reward, "a second evaluation raises the answers' reward");
        Assert.Equal(4, random.Budgets[2].Reward!.Value, 9);
    }

    [Fact]
    public void Run_ToOracle_AgreesWithTheHitRatesAtEveryBudget()
    {
        // Noise-free, a run's answer is the oracle by budget k exactly when it reached it within k evaluations, so the hit
        // rates give the distribution of the evaluations to the oracle: mean = 1 + Σ_k (1 − hit rate at k), max = the first
        // budget every run has hit. Cut at 2 evaluations, only the runs that hit by then end at the oracle.
        var csv = "arch,reward,test,flops\n0-0,1,9,1\n0-1,2,8,2\n1-0,3,7,3\n1-1,4,6,4\n";
        var table = BenchmarkTable.Load(new StringReader(csv), "sum.csv");
        var bench = new TabularBenchmark("sum", table, "reward", "test", [new CostColumn("flops", "flops", "MFLOPs")], null, rewardName: "reward");
        var whole = Assert.Single(Assert.Single(ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", "none")],
            new ComparisonOptions { Strategies = ["random"], Runs = 40, Budgets = [1, 2, 3, 4] }).Benchmarks).Strategies);
        var t = whole.ToOracle!;
        Assert.Equal((40, 40), (t.ReachedRuns, t.Runs));
        Assert.Equal(1 + whole.Budgets.Take(3).Sum(b => 1 - b.HitRate), t.MeanEvaluations!.Value, 9);
        Assert.Equal(whole.Budgets.First(b => b.HitRate >= 1).Budget, t.MaxEvaluations!.Value);
        Assert.True(t.MeanEvaluations > 1 && t.MeanEvaluations < 4, $"random order: the oracle comes at a random place ({t.MeanEvaluations})");

        var cut = Assert.Single(Assert.Single(ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", "none")],
            new ComparisonOptions { Strategies = ["random"], Runs = 40, Budgets = [2] }).Benchmarks).Strategies);
        Assert.Equal((int)Math.Round(40 * cut.Budgets[0].HitRate), cut.ToOracle!.ReachedRuns);
        Assert.InRange(cut.ToOracle.ReachedRuns, 1, 39);
        Assert.True(cut.ToOracle.MaxEvaluations <= 2);
    }

    [Fact]
    public void Run_OneThreadOrMany_SameStatistics()
    {
        var one = RunTiny(threads: 1);
        var many = RunTiny(threads: 4);
        Assert.Equal(Strip(one), Strip(many));

        static string Strip(ComparisonReport r) => string.Join("\n", r.Benchmarks.SelectMany(b => b.Strategies).Select(s =>
            $"{s.Name} {s.Evaluations} {string.Join(" ", s.Budgets.Select(x => $"{x.Mean:R} {x.P25:R} {x.P75:R} {x.HitRate:R}"))} {s.Finish?.MeanEvaluations}"));
    }

    [Fact]
    public void Run_Unconstrained_EveryArchitectureFeasible()
    {
        var setting = Assert.Single(RunTiny(maxCost: "none").Benchmarks);
        Assert.Equal(27, setting.FeasibleCount);
        Assert.Null(setting.MaxCostValue);
        Assert.Equal("none", setting.MaxCost);
    }

    [Fact]
    public void Run_TimeBudgets_RecordsByCumulativeSeconds()
    {
        // Each evaluation costs 11..41 seconds: nothing fits in 5 s; 2000 s covers every feasible architecture.
        var report = RunTiny(timeBudgets: [5, 2000]);
        Assert.Equal("seconds", report.Settings.BudgetUnit);
        foreach (var s in report.Benchmarks[0].Strategies)
        {
            Assert.Null(s.Budgets[0].Mean);
            Assert.NotNull(s.Budgets[1].Mean);
        }
        Assert.Equal(1.0, report.Benchmarks[0].Strategies.Single(s => s.Name == "random").Budgets[1].HitRate);
    }

    [Fact]
    public void Run_TimeBudgetWithoutSeconds_ThrowsUserInput()
    {
        var bench = TinyTable.Create(withSeconds: false);
        var options = new ComparisonOptions { Strategies = ["random"], Runs = 1, TimeBudgets = [10] };
        var ex = Assert.Throws<UserInputException>(() => ComparisonHarness.Run([ComparisonHarness.Setting(bench, "flops", "none")], options));
        Assert.Contains("--budgets", ex.Message);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("budgets")]
    [InlineData("strategies")]
    public void Run_BadOptions_ThrowUserInputNamingTheSetting(string setting)
    {
        var options = setting switch
        {
            "runs" => new ComparisonOptions { Runs = 0 },
            "budgets" => new ComparisonOptions { Budgets = [50, 25] },
            _ => new ComparisonOptions { Strategies = ["random", "random"], Runs = 1 },
        };
        var ex = Assert.Throws<UserInputException>(() => ComparisonHarness.Run([ComparisonHarness.Setting(TinyTable.Create(), "flops", "none")], options));
        Assert.Equal(setting, ex.Setting);
        Assert.StartsWith(setting + " ", ex.Message);
    }

    [Fact]
    public void Run_UnknownStrategy_ThrowsUserInputNamingItAndTheKnownOnes()
    {
        var options = new ComparisonOptions { Strategies = ["bogus"], Runs = 1 };
        var ex = Assert.Throws<UserInputException>(() => ComparisonHarness.Run([ComparisonHarness.Setting(TinyTable.Create(), "flops", "none")], options));
        Assert.Contains("'bogus'", ex.Message);
        Assert.Contains("layernas", ex.Message);
    }

    [Fact]
    public void Settings_AllWithBothConstraintsAndRewards_ExpandsNb201RewardsOnly()
    {
        var settings = ComparisonHarness.Settings(new ComparisonOptions { Benchmarks = ["all"], MaxCosts = ["0.5x", "none"], Rewards = ["valid12", "valid200"] });
        Assert.Equal(14, settings.Count); // (3 NB201 x 2 rewards + Macro) x 2 bounds
        Assert.Equal(2, settings.Count(s => s.Benchmark.Name == "nas-bench-macro"));
        Assert.Equal(settings.Count, settings.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public void Settings_UnknownBenchmark_ThrowsUserInput()
    {
        var ex = Assert.Throws<UserInputException>(() => ComparisonHarness.Settings(new ComparisonOptions { Benchmarks = ["nb999"] }));
        Assert.Contains("nb201-cifar10", ex.Message);
    }

    [Fact]
    public void TimeBudgetSteps_OneNumber_SixDoublingBudgetsEndingThere()
    {
        Assert.Equal([1000.0, 2000, 4000, 8000, 16000, 32000], ComparisonOptions.TimeBudgetSteps(32000));
    }
}
