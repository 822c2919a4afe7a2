using System.Diagnostics;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Measures how long the cost model takes over one whole LayerNAS search of a network space: runs the search with
/// the <see cref="NetworkStandInEvaluator"/> (no training), counting and timing every <c>Cost</c> and
/// <c>Completions</c> call. Prints numbers; asserts nothing about time. Not thread-safe.
/// </summary>
public static class SearchCostBenchmark
{
    /// <summary>What one measured search did and how long its cost calls took.</summary>
    public sealed record Result(
        string Space, string CostName, double MaxCost, int Evaluations, long CostCalls, long CompletionCalls,
        TimeSpan CostTime, TimeSpan SearchTime, TimeSpan FirstSearchTime, double BestReward, double BestCost);

    /// <param name="maxCost">The budget in the cost's unit; null = the backbone's cost.</param>
    public static Result Run(NetworkSearchSpace space, string costName = "madds", double? maxCost = null, LayerNasOptions? options = null, int seed = 0)
    {
        var model = space.CostModel(costName);
        double budget = maxCost ?? model.Cost(space.Backbone);
        var evaluator = new NetworkStandInEvaluator(space);

        // Untimed run first: the whole search's wall time with the plain cost model (warms the JIT too).
        var plain = Stopwatch.StartNew();
        Search(space, model, budget, options, seed, evaluator);
        plain.Stop();

        var timed = new TimedCostModel(model);
        var total = Stopwatch.StartNew();
        var (strategy, evaluations) = Search(space, timed, budget, options, seed, evaluator);
        total.Stop();
        return new Result(space.Name, model.Name, budget, evaluations, timed.CostCalls, timed.CompletionCalls,
            Stopwatch.GetElapsedTime(0, timed.Ticks), total.Elapsed, plain.Elapsed,
            strategy.Best?.Reward ?? double.NaN, strategy.Best?.EvaluatedCost ?? double.NaN);
    }

    private static (LayerNasStrategy, int) Search(NetworkSearchSpace space, ICostModel model, double budget, LayerNasOptions? options, int seed,
        NetworkStandInEvaluator evaluator)
    {
        var context = new StrategyContext(space.Space, model, new CostConstraint(model.Name, double.NegativeInfinity, budget), seed);
        var strategy = new LayerNasStrategy(context, options);
        int evaluations = 0;
        while (!strategy.IsFinished)
        {
            var batch = strategy.Propose(64);
            foreach (var arch in batch)
            {
                strategy.Tell(new Observation(arch, evaluator.Score(arch)));
                evaluations++;
            }
            if (batch.Count == 0 && !strategy.IsFinished)
                throw new InvalidOperationException("LayerNAS proposed nothing with no outstanding trials.");
        }
        return (strategy, evaluations);
    }

    private sealed class TimedCostModel(ICostModel inner) : ICostModel
    {
        public long Ticks;
        public long CostCalls;
        public long CompletionCalls;

        public string Name => inner.Name;

        public string Unit => inner.Unit;

        public double Cost(Architecture arch)
        {
            long start = Stopwatch.GetTimestamp();
            var cost = inner.Cost(arch);
            Ticks += Stopwatch.GetTimestamp() - start;
            CostCalls++;
            return cost;
        }

        public CostRange Completions(PartialArchitecture partial)
        {
            long start = Stopwatch.GetTimestamp();
            var range = inner.Completions(partial);
            Ticks += Stopwatch.GetTimestamp() - start;
            CompletionCalls++;
            return range;
        }
    }
}
