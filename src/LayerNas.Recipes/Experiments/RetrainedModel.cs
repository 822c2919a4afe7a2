using LayerNas.SearchSpaces;
using LayerNas.Training;

namespace LayerNas.Recipes.Experiments;

/// <summary>One architecture trained with the final recipe once per seed: its costs and every run. Immutable.</summary>
public sealed record RetrainedModel(string Role, Architecture Architecture, double MAdds, long Parameters, IReadOnlyList<int> Seeds, IReadOnlyList<TrainingResult> Runs)
{
    public double MeanTestAccuracy => Runs.Average(r => r.TestAccuracy ?? double.NaN);

    /// <summary>Sample standard deviation of the test accuracy over seeds (0 for one run).</summary>
    public double StdTestAccuracy
    {
        get
        {
            if (Runs.Count < 2) return 0;
            double m = MeanTestAccuracy;
            return Math.Sqrt(Runs.Sum(r => Math.Pow((r.TestAccuracy ?? double.NaN) - m, 2)) / (Runs.Count - 1));
        }
    }}
