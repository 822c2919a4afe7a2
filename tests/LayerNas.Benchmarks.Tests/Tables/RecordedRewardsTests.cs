using LayerNas.Benchmarks.Tables;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tests.Tables;

public class RecordedRewardsTests
{
    private const string SeedsCsv = "arch,a,b,c,test,flops\n0-0,10,12,,50,1\n0-1,20,,,60,2\n1-0,30,33,36,70,3\n1-1,,,,80,4\n";

    private static BenchmarkTable Table() => BenchmarkTable.Load(new StringReader(SeedsCsv), "seeds.csv");

    [Fact]
    public void Draw_Nb201Valid200_OnlyRecordedSeedsAndReproducible()
    {
        var bench = BenchmarkCatalog.Load("nb201-cifar10", "valid200");
        var trainings = bench.Trainings!;
        var s0 = bench.Table.Column("valid_acc_200_s0");
        var s1 = bench.Table.Column("valid_acc_200_s1");
        var s2 = bench.Table.Column("valid_acc_200_s2");
        var drawn = new int[3];
        for (long i = 0; i < bench.Table.Indexer.Count; i += 7)
        {
            int recorded = double.IsNaN(s2[i]) ? 2 : 3;
            Assert.Equal(recorded, trainings.RecordedCount(i));
            for (int seed = 0; seed < 6; seed++)
            {
                int column = trainings.DrawColumn(seed, i);
                Assert.InRange(column, 0, recorded - 1); // s2 is never drawn where it was not recorded
                double value = trainings.Draw(seed, i);
                Assert.Equal(new[] { s0, s1, s2 }[column][i], value);
                Assert.Equal(value, trainings.Draw(seed, i)); // the same query of the same run draws the same seed
                drawn[column]++;
            }
        }
        Assert.All(drawn, n => Assert.True(n > 1000, $"draws per seed column: {string.Join(", ", drawn)}"));
    }

    [Fact]
    public void Means_Nb201AndMacro_MatchThePublishedMeans()
    {
        var nb = BenchmarkCatalog.Load("nb201-cifar100", "valid200");
        var mean200 = nb.Table.Column("valid_acc_200_mean");
        var macro = BenchmarkCatalog.Load("nas-bench-macro");
        var macroMean = macro.Table.Column("test_acc_mean");
        for (long i = 0; i < 6561; i += 13)
        {
            Assert.Equal(mean200[i], nb.Trainings!.Means[i], 5);
            Assert.Equal(macroMean[i], macro.Trainings!.Means[i], 9);
            Assert.Equal(3, macro.Trainings.RecordedCount(i));
        }
    }

    [Fact]
    public void Draw_DifferentRunSeeds_SpreadOverTheRecordedTrainings()
    {
        var macro = BenchmarkCatalog.Load("nas-bench-macro");
        var columns = Enumerable.Range(0, 300).Select(seed => macro.Trainings!.DrawColumn(seed, 1234)).ToArray();
        for (int c = 0; c < 3; c++) Assert.InRange(columns.Count(x => x == c), 70, 130);
        var retries = Enumerable.Range(1, 300).Select(attempt => macro.Trainings!.DrawColumn(0, 1234, attempt)).ToArray(); // a retry is a new query
        for (int c = 0; c < 3; c++) Assert.InRange(retries.Count(x => x == c), 70, 130);
    }

    [Fact]
    public void WithRewardNoise_OneTrainingPerArchitecture_ThrowsUserInputNamingTheFix()
    {
        var ex = Assert.Throws<UserInputException>(() => BenchmarkCatalog.Load("nb201-cifar10", "valid12").WithRewardNoise());
        Assert.Contains("valid200", ex.Message);
    }

    [Fact]
    public async Task Evaluator_WithRewardNoise_DrawsFromTheStudySeedAndReportsNoiseFree()
    {
        var bench = BenchmarkCatalog.Load("nas-bench-macro").WithRewardNoise();
        Assert.True(bench.DrawsTrainings);
        Assert.Equal("test~seed", bench.RewardName);
        var arch = Architecture.Parse("2-2-2-1-2-2-0-2");
        long index = bench.Table.Indexer.IndexOf(arch);
        var seeds = new[] { "test_acc_seed0", "test_acc_seed1", "test_acc_seed2" }.Select(c => bench.Table.Value(c, arch)).ToArray();
        var evaluator = bench.Evaluator();
        for (int seed = 0; seed < 8; seed++)
        {
            var a = await evaluator.EvaluateAsync(arch, new TrialContext("s", 1, Seed: seed), CancellationToken.None);
            var b = await evaluator.EvaluateAsync(arch, new TrialContext("s", 1, Seed: seed), CancellationToken.None);
            Assert.Equal(a.Reward, b.Reward);
            Assert.Contains(a.Reward, seeds);
            Assert.Equal(bench.Trainings!.Draw(seed, index), a.Reward);
            Assert.Equal(bench.Table.Value("test_acc_mean", arch), a.Metrics[MetricNames.TestAccuracy]);
        }
        Assert.Equal(bench.Table.Value("test_acc_mean", arch), bench.Rewards[index], 9); // the noise-free reward: the mean
    }

    [Fact]
    public void FromTrainings_UserTable_MeanRewardAndDrawsOnlyRecordedColumns()
    {
        var bench = TabularBenchmark.FromTrainings("seeds", Table(), ["a", "b", "c"], null, [new CostColumn("flops", "flops", "MFLOPs")]);
        var ix = bench.Table.Indexer;
        Assert.Equal(11, bench.Rewards[ix.IndexOf(Architecture.Parse("0-0"))], 9);
        Assert.Equal(33, bench.Reported[ix.IndexOf(Architecture.Parse("1-0"))], 9); // reported defaults to the mean
        Assert.True(double.IsNaN(bench.Rewards[ix.IndexOf(Architecture.Parse("1-1"))]));
        var noisy = bench.WithRewardNoise();
        for (int seed = 0; seed < 40; seed++)
        {
            Assert.Contains(noisy.QueryReward(ix.IndexOf(Architecture.Parse("0-0")), seed), new[] { 10.0, 12.0 });
            Assert.Equal(20, noisy.QueryReward(ix.IndexOf(Architecture.Parse("0-1")), seed));
            Assert.True(double.IsNaN(noisy.QueryReward(ix.IndexOf(Architecture.Parse("1-1")), seed)));
        }
        var withTest = TabularBenchmark.FromTrainings("seeds", Table(), ["a", "b"], "test", [new CostColumn("flops", "flops", "MFLOPs")]);
        Assert.Equal(70, withTest.Reported[ix.IndexOf(Architecture.Parse("1-0"))]);
    }

    [Fact]
    public void FromTrainings_OneColumn_ThrowsUserInput() =>
        Assert.Throws<UserInputException>(() => TabularBenchmark.FromTrainings("seeds", Table(), ["a"], null, [new CostColumn("flops", "flops", "MFLOPs")]));
}
