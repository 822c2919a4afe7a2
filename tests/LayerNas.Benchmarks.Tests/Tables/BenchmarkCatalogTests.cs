using LayerNas.Benchmarks;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tests.Tables;

public class BenchmarkCatalogTests
{
    [Theory]
    [InlineData("nb201-cifar10", 15625, 94.373)]
    [InlineData("nb201-cifar100", 15625, 73.513)]
    [InlineData("nb201-imagenet16-120", 15625, 47.311)]
    public void Load_Nb201_FullTableWithPublishedBest(string name, int rows, double bestTest)
    {
        var benchmark = BenchmarkCatalog.Load(name);
        Assert.Equal(rows, benchmark.Table.RowCount);
        Assert.Equal(6, benchmark.Space.LayerCount);
        var oracle = benchmark.Oracle(CostConstraint.None("flops"));
        Assert.Equal(bestTest, oracle.BestReported, 2);
    }

    [Fact]
    public void Load_Nb201_OfficialIndexZeroCosts()
    {
        // Index 0 is |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|
        // (ops 4-2-1-2-1-1): 15.64737 MFLOPs, 0.129306 M params on CIFAR-10.
        var benchmark = BenchmarkCatalog.Load("nb201-cifar10");
        var arch = Architecture.Parse("4-2-1-2-1-1");
        Assert.Equal(15.64737, benchmark.CostModel("flops").Cost(arch), 4);
        Assert.Equal(0.129306, benchmark.CostModel("params").Cost(arch), 5);
    }

    [Fact]
    public void Load_Nb201Valid200_UsesLongTrainingSignalAndTime()
    {
        var v12 = BenchmarkCatalog.Load("nb201-cifar10", "valid12");
        var v200 = BenchmarkCatalog.Load("nb201-cifar10", "valid200");
        var arch = Architecture.Parse("3-3-3-3-3-3");
        long i = v12.Table.Indexer.IndexOf(arch);
        Assert.True(v200.Rewards[i] > v12.Rewards[i]);
        Assert.Equal(v12.Reported[i], v200.Reported[i]);
        Assert.True(v200.TrainSeconds![i] > v12.TrainSeconds![i] * 10);
    }

    [Fact]
    public async Task Evaluator_ReturnsRewardTestAccuracyAndTrainSeconds()
    {
        var benchmark = BenchmarkCatalog.Load("nas-bench-macro");
        var arch = Architecture.Parse("0-0-0-0-0-0-0-1");
        var evaluation = await benchmark.Evaluator().EvaluateAsync(arch, new TrialContext("t", 0), CancellationToken.None);
        Assert.Equal(64.33999633789062, evaluation.Reward, 6);
        Assert.Equal(64.22333017985027, evaluation.Metrics[MetricNames.TestAccuracy], 6);
        Assert.Equal(14.115328, benchmark.CostModel("flops").Cost(arch), 6);
    }

    [Fact]
    public void Load_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<UserInputException>(() => BenchmarkCatalog.Load("nb301"));
        Assert.Contains("nb201-cifar10", ex.Message);
        Assert.Contains("--table", ex.Message);
    }

    [Fact]
    public void Load_UnknownReward_ListsRewards() =>
        Assert.Contains("valid200", Assert.Throws<UserInputException>(() => BenchmarkCatalog.Load("nb201-cifar10", "test")).Message);
}
