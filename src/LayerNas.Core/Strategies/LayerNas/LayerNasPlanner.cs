using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>Computes a <see cref="LayerNasPlan"/> for a space, cost constraint and options; evaluates nothing.</summary>
public static class LayerNasPlanner
{
    /// <summary>
    /// The plan of a LayerNAS search on <paramref name="context"/>: the exact upper bound on evaluations from the space,
    /// cost and budget, and the spread of <paramref name="simulations"/> simulated searches on seeded random rewards.
    /// </summary>
    public static LayerNasPlan Plan(StrategyContext context, LayerNasOptions options, int simulations = Simulations)
    {
        var (buckets, keep) = new LayerNasStrategy(context, options).Size;
        var order = options.LayerOrder?.ToArray() ?? Enumerable.Range(0, context.Space.LayerCount).ToArray();

        // The greedy prelude: its start models (one per option of the widest group of equally cheap options), then
        // per pass every other option of every layer; then the model-guided proposals before and after the layerwise search.
        int neighbourhood = context.Space.Layers.Sum(l => l.Count - 1);
        int starts = options.TiedStarts && options.PreludeStart == PreludeStart.Balanced ? MaxTied(context) : 1;
        int guided = options.GuidedFor(context.Space);
        int prelude = options.GreedyPrelude ? starts + options.PassesFor(context.Space) * neighbourhood + guided : 0;
        // Step 0: the first layer's feasible children of the empty prefix, each evaluated once.
        var perStep = new List<int> { context.Space.Layers[order[0]].Count };
        // Later steps: at most H*K parents (and no more than the feasible prefixes of the previous depth), each
        // adding one child per option — one fewer when the stand-in completion is deterministic, because the
        // child that repeats the parent's own option is the parent's model, already evaluated.
        bool repeatsParent = options.Completion != Completion.Incumbent && !options.ShareEvaluations;
        for (int step = 1; step < order.Length; step++)
        {
            double prefixes = FeasiblePrefixes(context, order, step - 1);
            double parents = Math.Min((double)buckets * keep, prefixes);
            int optionCount = context.Space.Layers[order[step]].Count;
            // The guided proposals between the previous step and this one count towards this step.
            perStep.Add((int)Math.Min(int.MaxValue / 2, parents * (repeatsParent ? optionCount - 1 : optionCount) + options.GuidedPerStepFor(context.Space)));
        }
        // The guided proposals after the layerwise search come on top; a pruned search may fill up to the unconstrained mean.
        int upper = (int)Math.Min(int.MaxValue, prelude + perStep.Sum(n => (long)n) + guided);
        int fill = FillTo(context, options);
        upper = Math.Max(upper, fill);

        var counts = new List<int>();
        for (int s = 0; s < simulations; s++)
            counts.Add(Simulate(context, options, s));
        return new LayerNasPlan(buckets, keep, upper, prelude, perStep, counts.Min(), counts.Average(), counts.Max(), simulations, fill);
    }

    /// <summary>
    /// The evaluations a search the cost bound cuts short fills up to with guided proposals (<see cref="LayerNasOptions.FillToUnconstrained"/>):
    /// the unconstrained search's mean, in spaces small enough to enumerate that have guided proposals; 0 where there is no fill.
    /// </summary>
    internal static int FillTo(StrategyContext context, LayerNasOptions options) =>
        options.FillToUnconstrained && options.GuidedFor(context.Space) > 0 && !context.Constraint.IsUnconstrained
            && context.Space.Size <= FeasibleSet.EnumerationLimit
            ? UnconstrainedMean(context, options)
            : 0;

    /// <summary>
    /// The evaluations the search of <paramref name="context"/> makes without its cost bound: the mean of 16 searches on
    /// seeded random rewards, rounded (what <see cref="Plan"/> reports for an unconstrained budget). Cached per space, cost
    /// model and options. Thread-safe.
    /// </summary>
    private static int UnconstrainedMean(StrategyContext context, LayerNasOptions options)
    {
        var free = context with { Constraint = CostConstraint.None(context.Constraint.CostName), Seed = 0 };
        var byModel = UnconstrainedCache.GetOrCreateValue(context.Cost);
        return byModel.GetOrAdd((context.Space, options, context.Backbone), _ =>
        {
            double total = 0;
            for (int seed = 0; seed < Simulations; seed++) total += Simulate(free, options, seed);
            return (int)Math.Round(total / Simulations);
        });
    }

    private const int Simulations = 16;

    private static readonly ConditionalWeakTable<ICostModel, ConcurrentDictionary<(SearchSpace, LayerNasOptions, Architecture?), int>> UnconstrainedCache = new();

    /// <summary>Runs the search against random rewards (seeded) and returns how many evaluations it made.</summary>
    public static int Simulate(StrategyContext context, LayerNasOptions options, int seed)
    {
        var random = new Random(seed);
        return SearchLoop.Run(new LayerNasStrategy(context, options), _ => random.NextDouble(), new SearchLoopOptions { BatchSize = int.MaxValue });
    }

    // The most options that tie as a layer's cheapest (by the cost bounds of that layer alone).
    private static int MaxTied(StrategyContext context)
    {
        var empty = PartialArchitecture.Empty(context.Space.LayerCount);
        int most = 1;
        for (int layer = 0; layer < context.Space.LayerCount; layer++)
        {
            var floor = Enumerable.Range(0, context.Space.Layers[layer].Count).Select(o => context.Cost.Completions(empty.Fix(layer, o)).Min).ToArray();
            most = Math.Max(most, floor.Count(f => f == floor.Min()));
        }
        return most;
    }

    // Feasible prefixes with layers order[0..step] fixed: counted when few, else the plain product (still a bound).
    private static double FeasiblePrefixes(StrategyContext context, int[] order, int step)
    {
        var layers = order.Take(step + 1).ToArray();
        double product = layers.Aggregate(1.0, (p, l) => p * context.Space.Layers[l].Count);
        if (product > 100_000) return product;
        int count = 0;
        var options = new int[layers.Length];
        while (true)
        {
            var prefix = PartialArchitecture.Empty(context.Space.LayerCount);
            for (int i = 0; i < layers.Length; i++) prefix = prefix.Fix(layers[i], options[i]);
            if (context.CanBeFeasible(prefix)) count++;
            int j = layers.Length - 1;
            while (j >= 0 && ++options[j] == context.Space.Layers[layers[j]].Count) options[j--] = 0;
            if (j < 0) break;
        }
        return count;
    }
}
