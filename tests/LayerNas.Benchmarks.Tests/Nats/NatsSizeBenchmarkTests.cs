using LayerNas.Benchmarks.Nats;
using LayerNas.Costs;
using LayerNas.Evaluation;

namespace LayerNas.Benchmarks.Tests.Nats;

public class NatsSizeBenchmarkTests
{
    [Theory]
    [InlineData("nats-sss", "cifar10")]
    [InlineData("nats-sss-cifar100", "cifar100")]
    [InlineData("nats-sss-imagenet16-120", "ImageNet16-120")]
    public void CatalogLoad_WithoutFolder_OffersExactCostsOnly(string name, string dataset)
    {
        var benchmark = BenchmarkCatalog.Load(new BenchmarkRequest(name));
        var arch = NatsSizeSpace.ParseArchString("8:8:40:32:40");
        var expected = NatsSamples.OfficialRecords().First(r => r.Index == 284 && r.Dataset.Name == dataset);
        Assert.Equal(expected.MFlops, benchmark.CostModel("flops").Cost(arch));
        Assert.Equal(expected.MParams, benchmark.CostModel("params").Cost(arch));
        Assert.Equal(32_768, benchmark.Table.RowCount);
        Assert.NotNull(benchmark.ScoringUnavailable);
        var ex = Assert.Throws<UserInputException>(() => benchmark.Evaluator());
        Assert.Contains("--nats-dir", ex.Message);
        Assert.Contains(NatsArchive.FolderName, ex.Message);
        Assert.Throws<UserInputException>(() => benchmark.Oracle(CostConstraint.None("flops")));
    }

    [Fact]
    public void ToProblem_WithoutFolder_IsCostOnlyProblemThatExplainsScoring()
    {
        var problem = BenchmarkCatalog.Load("nats-sss-imagenet16-120").ToProblem();
        Assert.Null(problem.Evaluator);
        Assert.Equal(["flops", "params"], problem.CostNames);
        Assert.Equal(1.121336, problem.CostModel("flops").Cost(NatsSizeSpace.FromOfficialIndex(0)));
        var ex = Assert.Throws<UserInputException>(() => problem.RequireEvaluator());
        Assert.Contains("--nats-dir", ex.Message);
    }

    [Fact]
    public void ToProblem_WithFolder_HasEvaluator()
    {
        using var folder = NatsSamples.OfficialFolder();
        var problem = BenchmarkCatalog.Load(new BenchmarkRequest("nats-sss", NatsDirectory: folder.Path)).ToProblem();
        Assert.NotNull(problem.Evaluator);
        Assert.Null(problem.ScoringUnavailable);
    }

    [Fact]
    public void CostModel_WholeSpaceBounds_SpanSmallestAndLargestNetwork()
    {
        var model = BenchmarkCatalog.Load("nats-sss").CostModel("flops");
        var range = model.Completions(SearchSpaces.PartialArchitecture.Empty(5));
        Assert.Equal(NatsSizeCosts.Of([8, 8, 8, 8, 8], NatsDataset.Cifar10).MFlops, range.Min);
        Assert.Equal(NatsSizeCosts.Of([64, 64, 64, 64, 64], NatsDataset.Cifar10).MFlops, range.Max);
    }

    [Theory]
    [InlineData("nats-sss", "cifar10")]
    [InlineData("nats-sss-cifar100", "cifar100")]
    [InlineData("nats-sss-imagenet16-120", "ImageNet16-120")]
    public async Task Evaluator_WithSampleFolder_ScoresValid12AndReportsTest90(string name, string dataset)
    {
        using var folder = NatsSamples.OfficialFolder();
        var benchmark = BenchmarkCatalog.Load(new BenchmarkRequest(name, NatsDirectory: folder.Path));
        var records = NatsSamples.OfficialRecords();
        foreach (var index in NatsSamples.Indices)
        {
            var evaluation = await benchmark.Evaluator().EvaluateAsync(NatsSizeSpace.FromOfficialIndex(index), new TrialContext("t", 1), CancellationToken.None);
            var valid12 = records.Single(r => r.Index == index && r.Dataset.Name == dataset && r.Epochs == 12).ValidAccuracy;
            var test90 = records.Single(r => r.Index == index && r.Dataset.Name == dataset && r.Epochs == 90).TestAccuracy;
            Assert.Equal(valid12, evaluation.Reward, 4);
            Assert.Equal(test90, evaluation.Metric(MetricNames.TestAccuracy)!.Value, 4);
            Assert.True(evaluation.Metric(MetricNames.TrainSeconds) > 0);
        }
        Assert.Contains("3 of 32,768 architectures read", benchmark.Table.Source);
    }

    [Fact]
    public async Task Evaluator_Valid90_ScoresNinetyEpochValidation()
    {
        using var folder = NatsSamples.OfficialFolder();
        var benchmark = BenchmarkCatalog.Load(new BenchmarkRequest("nats-sss-cifar100", "valid90", folder.Path));
        var evaluation = await benchmark.Evaluator().EvaluateAsync(NatsSizeSpace.FromOfficialIndex(284), new TrialContext("t", 1), CancellationToken.None);
        Assert.Equal(62.78, evaluation.Reward, 4);
        Assert.Equal("valid90", benchmark.RewardName);
    }

    [Fact]
    public async Task Evaluator_ArchitectureWithoutFile_FailsNamingTheFile()
    {
        using var folder = NatsSamples.OfficialFolder();
        var benchmark = BenchmarkCatalog.Load(new BenchmarkRequest("nats-sss", NatsDirectory: folder.Path));
        var ex = await Assert.ThrowsAsync<EvaluationFailedException>(() =>
            benchmark.Evaluator().EvaluateAsync(NatsSizeSpace.FromOfficialIndex(1), new TrialContext("t", 1), CancellationToken.None));
        Assert.Contains(Path.Combine(folder.Path, "000001.pickle.pbz2"), ex.Message);
    }

    [Fact]
    public void Oracle_WithSampleFolder_PicksAmongFilesRead()
    {
        using var folder = NatsSamples.OfficialFolder();
        var benchmark = BenchmarkCatalog.Load(new BenchmarkRequest("nats-sss", NatsDirectory: folder.Path));
        var oracle = benchmark.Oracle(CostConstraint.None("flops"));
        Assert.Equal(3, oracle.FeasibleCount);
        Assert.Equal(NatsSizeSpace.FromOfficialIndex(284), oracle.RewardArchitecture);
        var underTen = benchmark.Oracle(new CostConstraint("flops", double.NegativeInfinity, 10));
        Assert.Equal(NatsSizeSpace.FromOfficialIndex(11), underTen.RewardArchitecture);
    }

    [Fact]
    public void CatalogLoad_UnknownReward_ThrowsUserInputException()
    {
        var ex = Assert.Throws<UserInputException>(() => BenchmarkCatalog.Load(new BenchmarkRequest("nats-sss", "valid200")));
        Assert.Contains("valid12", ex.Message);
    }

    [Fact]
    public void CatalogLoad_NatsDirWithOtherBenchmark_ThrowsUserInputException()
    {
        var ex = Assert.Throws<UserInputException>(() => BenchmarkCatalog.Load(new BenchmarkRequest("nb201-cifar10", NatsDirectory: "/tmp")));
        Assert.Equal("problem.nats_dir", ex.Setting); // the CLI names it --nats-dir
        Assert.Contains("nats-sss", ex.Message);
    }

    [Fact]
    public void Entries_ListTheThreeDatasets()
    {
        var names = BenchmarkCatalog.Entries.Select(e => e.Name).ToArray();
        Assert.Contains("nats-sss", names);
        Assert.Contains("nats-sss-cifar100", names);
        Assert.Contains("nats-sss-imagenet16-120", names);
    }
}
