using System.Diagnostics;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// Measures how long the cost model takes over one whole LayerNAS search of a network space: runs the search with
/// the <see cref="NetworkStandInEvaluator"/> (no training), records every <c>Cost</c> and <c>Completions</c> call
/// it makes, then replays exactly those calls on the cost model alone, timing wall clock and process CPU time
/// (CPU time is the fairer figure on a shared, oversubscribed machine). Reports numbers; asserts nothing.
/// Not thread-safe.
/// </summary>
public static class SearchCostBenchmark
{
    /// <summary>What one measured search did and how long its cost calls took.</summary>
    public sealed record Result(
        string Space, string CostName, double MaxCost, int Evaluations, long CostCalls, long CompletionCalls,
        TimeSpan CostWallTime, TimeSpan CostCpuTime, TimeSpan SearchWallTime, TimeSpan SearchCpuTime, double BestReward, double BestCost);

    /// <param name="maxCost">The budget in the cost's unit; null = the backbone's cost.</param>
    public static Result Run(NetworkSearchSpace space, string costName = "madds", double? maxCost = null, LayerNasOptions? options = null, int seed = 0)
    {
        var model = space.CostModel(costName);
        double budget = maxCost ?? model.Cost(space.Backbone);
        var evaluator = new NetworkStandInEvaluator(space);

        Search(space, model, budget, options, seed, evaluator); // warm-up (JIT)
        var recorder = new RecordingCostModel(model);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var strategy = Search(space, recorder, budget, options, seed, evaluator);
        var searchWall = wall.Elapsed;
        var searchCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        // Replay the recorded calls against the cost model alone.
        double sink = 0;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        wall.Restart();
        foreach (var call in recorder.Calls)
            sink += call is Architecture a ? model.Cost(a) : model.Completions((PartialArchitecture)call).Min;
        var costWall = wall.Elapsed;
        var costCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        GC.KeepAlive(sink);

        return new Result(space.Name, model.Name, budget, strategy.Evaluations, recorder.CostCalls, recorder.Calls.Count - recorder.CostCalls,
            costWall, costCpu, searchWall, searchCpu, strategy.Best?.Reward ?? double.NaN, strategy.Best?.EvaluatedCost ?? double.NaN);
    }

    private static LayerNasStrategy Search(NetworkSearchSpace space, ICostModel model, double budget, LayerNasOptions? options, int seed,
        NetworkStandInEvaluator evaluator)
    {
        var context = new StrategyContext(space.Space, model, new CostConstraint(model.Name, double.NegativeInfinity, budget), seed);
        var strategy = new LayerNasStrategy(context, options);
        SearchLoop.Run(strategy, evaluator.Score, new SearchLoopOptions { BatchSize = 64 });
        return strategy;
    }

    private sealed class RecordingCostModel(ICostModel inner) : ICostModel
    {
        public List<object> Calls { get; } = new();

        public long CostCalls { get; private set; }

        public string Name => inner.Name;

        public string Unit => inner.Unit;

        public double Cost(Architecture arch)
        {
            Calls.Add(arch);
            CostCalls++;
            return inner.Cost(arch);
        }

        public CostRange Completions(PartialArchitecture partial)
        {
            Calls.Add(partial);
            return inner.Completions(partial);
        }
    }
}
