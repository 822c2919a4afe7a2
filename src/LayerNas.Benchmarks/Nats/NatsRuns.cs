namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// The training runs of one architecture with one schedule on one official training set (<c>cifar10-valid</c>,
/// <c>cifar10</c>, <c>cifar100</c> or <c>ImageNet16-120</c>), one entry per seed in <see cref="Seeds"/> order.
/// Accuracies are percentages after the last epoch; times are seconds as the benchmark recorded them.
/// Immutable.
/// </summary>
public sealed record NatsRuns(
    string Dataset,
    int Epochs,
    IReadOnlyList<int> Seeds,
    double MFlops,
    double MParams,
    double? LatencySeconds,
    IReadOnlyDictionary<string, IReadOnlyList<double>> FinalAccuracy,
    IReadOnlyList<double> TrainSeconds,
    IReadOnlyDictionary<string, IReadOnlyList<double>> EvalSeconds)
{
    /// <summary>Final accuracy on an evaluation set (<c>x-valid</c>, <c>x-test</c>, <c>ori-test</c>) by seed.</summary>
    public IReadOnlyList<double> Accuracy(string evalSet) =>
        FinalAccuracy.TryGetValue(evalSet, out var values)
            ? values
            : throw new KeyNotFoundException($"{Dataset} ({Epochs} epochs) has no evaluation set '{evalSet}' (it has {string.Join(", ", FinalAccuracy.Keys)}).");

    /// <summary>The mean over seeds, as the official API averages trials (<c>is_random=False</c>).</summary>
    public double MeanAccuracy(string evalSet) => Accuracy(evalSet).Average();
}
