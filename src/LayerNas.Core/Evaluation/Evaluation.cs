namespace LayerNas.Evaluation;

/// <summary>
/// The score of one architecture: the search <see cref="Reward"/> (higher is better, e.g. validation accuracy)
/// and any reported metrics (e.g. <c>test_accuracy</c>, <c>train_seconds</c>, <c>latency_ms</c>). Immutable.
/// </summary>
public sealed record Evaluation(double Reward, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>An evaluation with a reward and no metrics.</summary>
    public Evaluation(double reward) : this(reward, new Dictionary<string, double>()) { }

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public double? Metric(string name) => Metrics.TryGetValue(name, out var v) ? v : null;
}
