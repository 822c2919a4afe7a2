using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Core.Tests.Strategies;

/// <summary>Generated search problems: small tabulated spaces (some architectures missing) under a random cost bound.</summary>
public static class TestProblems
{
    public static SearchSpace Space(int[] options, string name = "test") =>
        new(name, options.Select((n, i) => new Layer($"l{i}", Enumerable.Range(0, n).Select(o => $"o{o}").ToArray())).ToArray());

    /// <summary>A table-backed problem: layer option counts, costs per architecture index (NaN = missing), a max-cost fraction and a seed.</summary>
    public static readonly Gen<(StrategyContext Context, Func<Architecture, double> Reward)> Tabulated =
        from options in Gen.Int[1, 4].Array[2, 5]
        let size = options.Aggregate(1, (p, n) => p * n)
        from costs in Gen.Double[0, 100].Array[size]
        from missing in Gen.Bool.Array[size]
        from fraction in Gen.Double[0.2, 1.2]
        from seed in Gen.Int
        select Build(options, costs, missing, fraction, seed);

    private static (StrategyContext, Func<Architecture, double>) Build(int[] options, double[] costs, bool[] missing, double fraction, int seed)
    {
        var space = Space(options);
        var values = costs.Select((c, i) => missing[i] && i > 0 ? double.NaN : c).ToArray(); // index 0 always present
        var model = new EnumeratedCostModel("cost", "units", space, values);
        double max = Math.Max(values.Where(v => !double.IsNaN(v)).Max() * fraction, values[0]); // keep at least one feasible
        var context = new StrategyContext(space, model, new CostConstraint("cost", double.NegativeInfinity, max), seed);
        return (context, arch => Reward(arch, seed));
    }

    /// <summary>A deterministic pseudo-random reward in [0, 100).</summary>
    public static double Reward(Architecture arch, int salt) => (uint)HashCode.Combine(arch.GetHashCode(), salt) % 10_000 / 100.0;

    /// <summary>Drives a strategy synchronously (propose one, tell) up to <paramref name="limit"/> proposals; returns them in order.</summary>
    public static List<Architecture> Drive(ISearchStrategy strategy, Func<Architecture, double> reward, int limit)
    {
        var proposed = new List<Architecture>();
        while (proposed.Count < limit && !strategy.IsFinished)
        {
            var batch = strategy.Propose(1);
            if (batch.Count == 0) break;
            proposed.Add(batch[0]);
            strategy.Tell(new Observation(batch[0], reward(batch[0])));
        }
        return proposed;
    }

    /// <summary>Every feasible architecture of a small context.</summary>
    public static HashSet<Architecture> Feasible(StrategyContext context) => context.Space.Enumerate().Where(context.IsFeasible).ToHashSet();
}
