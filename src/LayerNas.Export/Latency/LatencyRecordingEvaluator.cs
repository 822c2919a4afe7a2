using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>
/// Wraps an evaluator and adds the architecture's latency (from <paramref name="latency"/>, usually cached) to every
/// evaluation's metrics as <see cref="MetricNames.LatencyMs"/>, so that a study's store keeps each measured latency
/// and a resumed study does not measure again. Thread-safe when the inner evaluator is.
/// </summary>
public sealed class LatencyRecordingEvaluator(IEvaluator inner, ICostModel latency) : IEvaluator
{
    public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        var evaluation = await inner.EvaluateAsync(arch, context, cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(evaluation.Metrics) { [MetricNames.LatencyMs] = latency.Cost(arch) };
        return evaluation with { Metrics = metrics };
    }
}
