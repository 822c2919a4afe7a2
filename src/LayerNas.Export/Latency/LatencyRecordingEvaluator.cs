using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>
/// Wraps an evaluator and measures each evaluated network's batch-1 latency on this machine (ONNX Runtime, see
/// <see cref="LatencyMeter"/>), adding it to the evaluation's metrics as <see cref="MetricNames.LatencyMs"/>. The
/// measurement happens in the evaluating worker, like training, never while a strategy proposes, so the search
/// itself stays deterministic (it prunes with the lookup table) and the store keeps every measurement with its
/// trial. Thread-safe when the inner evaluator is (measurements are serialized by the meter).
/// </summary>
public sealed class LatencyRecordingEvaluator(IEvaluator inner, NetworkSearchSpace space, LatencyMeter meter) : IEvaluator
{
    public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        var evaluation = await inner.EvaluateAsync(arch, context, cancellationToken).ConfigureAwait(false);
        var spec = space.Build(arch);
        double ms = await Task.Run(() => meter.Measure(spec).Ms, cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(evaluation.Metrics) { [MetricNames.LatencyMs] = ms };
        return evaluation with { Metrics = metrics };
    }
}
