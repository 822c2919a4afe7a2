using LayerNas.SearchSpaces;
using LayerNas.Training;
using MathNet.Numerics.Statistics;

namespace LayerNas.Recipes.Experiments;

/// <summary>One architecture trained with the final recipe once per seed: its costs and every run. Immutable.</summary>
public sealed record RetrainedModel(string Role, Architecture Architecture, double MAdds, long Parameters, IReadOnlyList<int> Seeds, IReadOnlyList<TrainingResult> Runs)
{
    /// <summary>Wall seconds of each run (building, training, batch-norm recalibration, scoring, latency), in seed order.</summary>
    public IReadOnlyList<double> WallSeconds { get; init; } = [];

    public double MeanTestAccuracy => Runs.Average(r => r.TestAccuracy ?? double.NaN);

    /// <summary>Sample standard deviation of the test accuracy over seeds (0 for one run).</summary>
    public double StdTestAccuracy => Runs.Count < 2 ? 0 : Runs.Select(r => r.TestAccuracy ?? double.NaN).StandardDeviation();
}
