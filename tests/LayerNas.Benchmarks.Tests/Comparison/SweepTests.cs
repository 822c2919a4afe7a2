using LayerNas.Benchmarks.Comparison;
using LayerNas.Benchmarks.Tables;

namespace LayerNas.Benchmarks.Tests.Comparison;

public class SweepTests
{
    [Theory]
    [InlineData("0.1x..0.3x", "0.1x,0.2x,0.3x")]
    [InlineData("0.25x..1x", "0.25x,0.5x,0.75x,1x")]
    [InlineData("0.1x..0.9x", "0.1x,0.2x,0.3x,0.4x,0.5x,0.6x,0.7x,0.8x,0.9x")]
    [InlineData("20..60", "20,40,60")]
    [InlineData("0.5x", "0.5x")]
    public void Expand_Range_StepsByItsFirstValue(string item, string expected) =>
        Assert.Equal(expected.Split(','), CostBoundGrid.Expand([item]));

    [Fact]
    public void Expand_ListWithRangeAndRepeats_KeepsOrderDropsRepeats() =>
        Assert.Equal(["0.5x", "0.25x", "0.75x", "1x", "none"], CostBoundGrid.Expand(["0.5x", "0.25x..1x", "none", "NONE"]));

    [Theory]
    [InlineData("0.5x..0.1x")]
    [InlineData("0.1x..90")]
    [InlineData("0x..1x")]
    [InlineData("a..b")]
    [InlineData("0.0001x..1x")]
    public void Expand_BadRange_ThrowsUserInputNamingIt(string item) =>
        Assert.Contains("--max-cost range", Assert.Throws<UserInputException>(() => CostBoundGrid.Expand([item])).Message);

    [Fact]
    public void Sweep_BoundNoArchitectureMeets_SkippedAndListed()
    {
        var options = new ComparisonOptions { Benchmarks = ["nas-bench-macro"], MaxCosts = ["0.1x..0.2x"], Costs = ["flops", "params"] };
        var (settings, skipped) = ComparisonHarness.Sweep(options);
        Assert.Equal(["flops-0.1x", "flops-0.2x", "params-0.2x"], settings.Select(s => $"{s.Constraint.CostName}-{s.MaxCost}"));
        var skip = Assert.Single(skipped);
        Assert.Contains("params <= 0.1x", skip);
        Assert.Contains("below the cheapest", skip);
        Assert.Throws<UserInputException>(() => ComparisonHarness.Sweep(options with { MaxCosts = ["0.1x"], Costs = ["params"] }));
        Assert.Throws<UserInputException>(() => ComparisonHarness.Sweep(options with { Costs = ["latency"] })); // unknown cost: an error, never a skip
    }

    [Fact]
    public void Sweep_RewardNoise_DrawsOnEveryTableThatRecordsSeveralTrainings()
    {
        var options = new ComparisonOptions { Benchmarks = ["all"], Rewards = ["valid200"], MaxCosts = ["none"], RewardNoise = RewardNoise.Seed };
        var settings = ComparisonHarness.Settings(options);
        Assert.Equal(4, settings.Count);
        Assert.All(settings, s => Assert.True(s.Benchmark.DrawsTrainings));
        Assert.Equal(["valid200~seed", "valid200~seed", "valid200~seed", "test~seed"], settings.Select(s => s.Benchmark.RewardName));
        Assert.Throws<UserInputException>(() => ComparisonHarness.Settings(options with { Rewards = ["valid12"] }));
    }

    [Fact]
    public void Run_RewardNoise_ReproducibleSpreadAndJudgedByTheMeanReward()
    {
        var csv = new System.Text.StringBuilder("arch,a,b,c,test,flops\n");
        var random = new Random(3);
        for (int x = 0; x < 4; x++)
            for (int y = 0; y < 4; y++)
                for (int z = 0; z < 4; z++)
                {
                    double mean = 50 + 3 * x + 2 * y + z;
                    csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                        $"{x}-{y}-{z},{mean + random.NextDouble() * 6 - 3:F3},{mean + random.NextDouble() * 6 - 3:F3},{mean + random.NextDouble() * 6 - 3:F3},{mean:F3},{x + y + z + 1}\n");
                }
        var table = BenchmarkTable.Load(new StringReader(csv.ToString()), "noisy.csv");
        var bench = TabularBenchmark.FromTrainings("noisy", table, ["a", "b", "c"], "test", [new CostColumn("flops", "flops", "MFLOPs")]);
        var options = new ComparisonOptions { Strategies = ["layernas", "random", "local"], Runs = 30, Budgets = [5, 20, 64] };
        ComparisonReport Run(TabularBenchmark b) => ComparisonHarness.Run([ComparisonHarness.Setting(b, "flops", "0.6x")], options);
        var noisy = Run(bench.WithRewardNoise());
        static string Stats(ComparisonReport r) => System.Text.Json.JsonSerializer.Serialize(
            r.Benchmarks[0].Strategies.Select(s => new { s.Budgets, s.Finish }), ComparisonWriter.JsonOptions);
        Assert.Equal(Stats(noisy), Stats(Run(bench.WithRewardNoise()))); // the draws follow the run seeds
        Assert.Equal("seed", noisy.Settings.RewardNoise);
        var layernas = noisy.Benchmarks[0].Strategies[0];
        Assert.True(layernas.Finish!.Final.Iqr > 0 || layernas.Finish.Final.Sd > 0, "drawn rewards should spread LayerNAS's answers");
        // After every feasible architecture, the answer is the best drawn reward: a reward oracle (best mean) only by luck.
        var exhaustive = noisy.Benchmarks[0].Strategies.Single(s => s.Name == "random").Budgets[^1];
        Assert.InRange(exhaustive.HitRate, 0, 0.99);
        Assert.Equal(1.0, Run(bench).Benchmarks[0].Strategies.Single(s => s.Name == "random").Budgets[^1].HitRate);
        Assert.NotNull(noisy.Benchmarks[0].Lead);
        Assert.True(noisy.Benchmarks[0].Lead!.TiesByInterval);
    }
}
