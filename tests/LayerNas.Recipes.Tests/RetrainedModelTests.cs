using LayerNas.SearchSpaces;
using LayerNas.Recipes.Experiments;
using LayerNas.Training;

namespace LayerNas.Recipes.Tests;

public class RetrainedModelTests
{
    private static RetrainedModel Model(params double[] test) =>
        new("found", new Architecture([0]), 1, 1, test.Select((_, i) => i).ToArray(),
            test.Select(t => new TrainingResult(t - 1, t, 1, 1, null, [], 1)).ToArray());

    [Fact]
    public void StdTestAccuracy_ThreeSeeds_SampleStandardDeviation()
    {
        // Mean 92, squared deviations 4 + 0 + 4 over n - 1 = 2: variance 4, deviation 2.
        var model = Model(90, 92, 94);
        Assert.Equal(92, model.MeanTestAccuracy, 12);
        Assert.Equal(2, model.StdTestAccuracy, 12);
    }

    [Fact]
    public void StdTestAccuracy_OneSeed_Zero() => Assert.Equal(0, Model(91).StdTestAccuracy);
}
