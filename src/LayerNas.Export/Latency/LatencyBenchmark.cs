using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Export.Latency;

/// <summary>
/// The measurements behind docs/latency.md: the lookup-table predictor's error against full-model measurement on
/// random architectures, and a LayerNAS search constrained by predicted latency whose best model is then measured.
/// Prints nothing itself; runs on this machine's CPU and takes minutes for 224×224 spaces.
/// </summary>
public static class LatencyBenchmark
{
    /// <summary>Predicted vs measured latency of <paramref name="samples"/> seeded random architectures (one measurement each).</summary>
    public static IReadOnlyList<PredictorSample> PredictorError(NetworkSearchSpace space, LatencyLutCostModel predictor, LatencyMeter meter,
        int samples, int seed, Action<PredictorSample>? onSample = null, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var result = new List<PredictorSample>();
        for (int i = 0; i < samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var arch = space.Space.Sample(random);
            var sample = new PredictorSample(arch, predictor.Cost(arch), meter.Measure(space.Build(arch)).Ms);
            result.Add(sample);
            onSample?.Invoke(sample);
        }
        return result;
    }

    /// <summary>
    /// LayerNAS (default options) over <paramref name="space"/> under predicted latency ≤ <paramref name="maxPredictedMs"/>,
    /// scored by <paramref name="evaluator"/> (e.g. the space's stand-in evaluator), in memory; then the best feasible
    /// model is measured with <paramref name="meter"/>.
    /// </summary>
    public static async Task<ConstrainedSearchResult> SearchAsync(NetworkSearchSpace space, LatencyLutCostModel predictor, Evaluation.IEvaluator evaluator,
        double maxPredictedMs, int seed, LatencyMeter meter, int? trialBudget = null, CancellationToken cancellationToken = default)
    {
        var constraint = new CostConstraint(predictor.Name, double.NegativeInfinity, maxPredictedMs);
        var strategy = StrategyRegistry.Get("layernas").Create(new StrategyContext(space.Space, predictor, constraint, seed) { Backbone = space.Backbone });
        var definition = new StudyDefinition($"latency-search-{seed}", space.Name, predictor.Name, constraint.Min, constraint.Max,
            strategy.Name, "default", "stand-in", seed, trialBudget);
        await using var store = new InMemoryStudyStore();
        var runner = new StudyRunner(strategy, evaluator, store, definition, new RunnerOptions { TrialBudget = trialBudget });
        var trials = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        var best = trials.Where(t => t.State == TrialState.Complete && t.Reward is not null && predictor.Cost(t.Architecture) <= maxPredictedMs)
            .OrderByDescending(t => t.Reward).ThenBy(t => t.Number).FirstOrDefault()
            ?? throw new UserInputException($"No architecture of {space.Name} has a predicted latency of at most {maxPredictedMs} ms: raise the budget.");
        return new ConstrainedSearchResult(maxPredictedMs, trials.Count, best.Architecture, best.Reward!.Value, predictor.Cost(best.Architecture),
            meter.Measure(space.Build(best.Architecture)));
    }
}
