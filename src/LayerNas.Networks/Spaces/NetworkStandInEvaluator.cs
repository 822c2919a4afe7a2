using LayerNas.Evaluation;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// A cheap STAND-IN reward for network spaces, so a search runs end to end without training. It is NOT an accuracy
/// and predicts nothing: a deterministic, smooth, saturating function of the built network,
/// <c>100 · (1 − exp(−z / 2))</c> with
/// <c>z = 0.35·ln(1 + MMAdds) + 0.25·ln(1 + Mparams) + 0.04·blocks + 0.02·Σ(kernel − 3)/2 + 0.03·SE blocks</c>,
/// so bigger, deeper networks score higher with diminishing returns, as accuracies tend to. Use it to exercise
/// search strategies, budgets and tooling; use real training (or a benchmark table) for results.
/// Thread-safe.
/// </summary>
public sealed class NetworkStandInEvaluator : IEvaluator
{
    private readonly NetworkSearchSpace _space;

    public NetworkStandInEvaluator(NetworkSearchSpace space) => _space = space;

    /// <summary>Metric names this evaluator reports besides the reward.</summary>
    public const string MaddsMetric = "madds", ParamsMetric = "params";

    public double Score(Architecture arch)
    {
        var spec = _space.Build(arch);
        var costs = _space.Costs(arch);
        double madds = costs.MultiplyAdds / 1e6, parameters = costs.Parameters / 1e6;
        int blocks = spec.Blocks.Count;
        double kernels = spec.Blocks.Sum(b => (b.Kernel - 3) / 2.0);
        int se = spec.Blocks.Count(b => b is InvertedResidualSpec { SqueezeExcite: not null } or DepthwiseSeparableSpec { SqueezeExcite: not null });
        double z = 0.35 * Math.Log(1 + madds) + 0.25 * Math.Log(1 + parameters) + 0.04 * blocks + 0.02 * kernels + 0.03 * se;
        return 100 * (1 - Math.Exp(-z / 2));
    }

    public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var costs = _space.Costs(arch);
        return Task.FromResult(new Evaluation.Evaluation(Score(arch), new Dictionary<string, double>
        {
            [MaddsMetric] = costs.MultiplyAdds / 1e6,
            [ParamsMetric] = costs.Parameters / 1e6,
        }));
    }
}
