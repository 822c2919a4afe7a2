using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Training.Tests;

public class TrainerTests
{
    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 4, BatchSize = 32, LearningRate = 0.05, Schedule = LearningRateSchedule.Cosine, Threads = 1, Seed = 3,
        ValidationCount = 100, MeasureLatency = false,
    };

    [Fact]
    public async Task TrainAsync_TinyNetworkOnHalves_LossFallsAndAccuracyAboveChance()
    {
        var trainer = new Trainer(TinyData.Splits());

        var result = await trainer.TrainAsync(TinyData.Network(), Quick with { EvaluateTest = true }, CancellationToken.None);

        Assert.Equal(4, result.EpochLosses.Count);
        Assert.True(result.EpochLosses[^1] < result.EpochLosses[0], $"losses {string.Join(", ", result.EpochLosses)}");
        Assert.True(result.ValidationAccuracy > 75, $"validation accuracy {result.ValidationAccuracy}");
        Assert.True(result.TestAccuracy > 75, $"test accuracy {result.TestAccuracy}");
        Assert.True(result.ImagesPerSecond > 0);
    }

    [Fact]
    public void Train_SameSeedTwice_SameWeightsAndLosses()
    {
        var trainer = new Trainer(TinyData.Splits());
        var options = Quick with { Epochs = 1, Augment = true };

        using var a = Trainer.CreateModule(TinyData.Network(), 11);
        using var b = Trainer.CreateModule(TinyData.Network(), 11);
        var ra = trainer.Train(a, options, CancellationToken.None);
        var rb = trainer.Train(b, options, CancellationToken.None);

        Assert.Equal(ra.EpochLosses, rb.EpochLosses);
        Assert.Equal(ra.ValidationAccuracy, rb.ValidationAccuracy);
        Assert.All(a.state_dict().Zip(b.state_dict()), p => Assert.True(p.First.Value.eq(p.Second.Value).all().item<bool>(), p.First.Key));
    }

    [Fact]
    public async Task TrainAsync_TwoRunsAtOnce_SameResultsAsOneAfterTheOther()
    {
        // Dropout and augmentation draw from every run's own generators, and libtorch's thread count is per thread:
        // runs that overlap in one process give what each gives alone.
        var trainer = new Trainer(TinyData.Splits());
        var network = TinyData.Network() with { Classifier = [new Networks.Specs.DropoutSpec(0.5), new Networks.Specs.LinearSpec(8, 2)] };
        var a = Quick with { Epochs = 2, Augment = true, Seed = 5 };
        var b = a with { Seed = 6 };

        var aloneA = await trainer.TrainAsync(network, a, CancellationToken.None);
        var aloneB = await trainer.TrainAsync(network, b, CancellationToken.None);
        var together = await Task.WhenAll(trainer.TrainAsync(network, a, CancellationToken.None), trainer.TrainAsync(network, b, CancellationToken.None));

        Assert.Equal(aloneA.EpochLosses, together[0].EpochLosses);
        Assert.Equal(aloneB.EpochLosses, together[1].EpochLosses);
        Assert.Equal(aloneA.ValidationAccuracy, together[0].ValidationAccuracy);
        Assert.Equal(aloneB.ValidationAccuracy, together[1].ValidationAccuracy);
        Assert.NotEqual(aloneA.EpochLosses, aloneB.EpochLosses);
    }

    [Fact]
    public async Task EvaluateAsync_ProxyOptions_RewardIsValidationAccuracyWithoutTestAccuracy()
    {
        var space = new SearchSpace("one", [new Layer("l", ["a", "b"])]);
        var evaluator = new TrainingEvaluator(_ => TinyData.Network(), new Trainer(TinyData.Splits()), Quick with { Epochs = 1, MeasureLatency = true });

        var evaluation = await evaluator.EvaluateAsync(space.Parse("1"), new TrialContext("s", 1), CancellationToken.None);

        Assert.InRange(evaluation.Reward, 0, 100);
        Assert.Null(evaluation.Metric(MetricNames.TestAccuracy));
        Assert.True(evaluation.Metric(MetricNames.LatencyMs) > 0);
        Assert.True(evaluation.Metric(MetricNames.TrainSeconds) > 0);
        Assert.Equal(TinyData.Network().Operators().Sum(o => o.Parameters), evaluation.Metric(TrainingEvaluator.Parameters));
    }

    [Fact]
    public async Task TrainAsync_NetworkForOtherInputSize_ThrowsUserInputException()
    {
        var trainer = new Trainer(TinyData.Splits());
        var spec = TinyData.Network() with { Input = new Networks.Specs.InputSpec(16, 1) };

        var ex = await Assert.ThrowsAsync<UserInputException>(() => trainer.TrainAsync(spec, Quick, CancellationToken.None));
        Assert.Contains("1×16×16", ex.Message);
    }

    [Theory]
    [InlineData(LearningRateSchedule.Cosine)]
    [InlineData(LearningRateSchedule.OneCycle)]
    public void LearningRateAt_Schedules_PeakNeverExceededAndEndsNearZero(LearningRateSchedule schedule)
    {
        var options = new TrainingOptions { LearningRate = 0.1, Schedule = schedule };
        var rates = Enumerable.Range(0, 100).Select(s => options.LearningRateAt(s, 100)).ToList();

        Assert.All(rates, r => Assert.InRange(r, 0, 0.1 + 1e-12));
        Assert.True(rates[^1] < 1e-4);
        Assert.Equal(0.1, rates.Max(), 2);
    }
}
