using CsCheck;
using LayerNas.Costs;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Core.Tests.Strategies;

public class LayerNasPlannerTests
{
    [Fact]
    public void Plan_AnyTableAndOptions_UpperBoundCoversEverySearch()
    {
        var optionGen = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3], Gen.Enum<BucketEdges>(), Gen.Enum<BucketCost>(), Gen.Enum<Completion>(), Gen.Bool, Gen.Int[0, 3],
            (h, k, edges, by, completion, share, passes) => (h, k, edges, by, completion, share, passes));
        var modeGen = Gen.Select(Gen.Int[0, 6], Gen.Enum<CompletionTies>(), Gen.Bool);
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 5], Gen.Int[1, 5], optionGen, modeGen).Sample((seed, layers, options, o, m) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: false, maxOptionCost: 9);
            var random = new Random(seed);
            double lo = table.Costs.Min(), hi = table.Costs.Max();
            var constraint = new CostConstraint("cost", double.NegativeInfinity, Math.Round(lo + (hi - lo) * random.NextDouble()));
            var settings = new LayerNasOptions
            {
                Buckets = o.h, KeepPerBucket = o.k, Edges = o.edges, BucketBy = o.by, Completion = o.completion, ShareEvaluations = o.share,
                GreedyPrelude = o.passes > 0, PreludePasses = o.passes > 0 ? o.passes : null, DefaultArchitecture = table.Space.Sample(random),
                GuidedProposals = m.Item1, CompletionTies = m.Item2, TiedStarts = m.Item3,
            };
            var context = new StrategyContext(table.Space, table.Cost, constraint, seed);
            var plan = LayerNasPlanner.Plan(context, settings, simulations: 4);
            int actual = table.Run(new LayerNasStrategy(context, settings)).Count;
            Assert.True(actual <= plan.UpperBound, $"table search made {actual} > bound {plan.UpperBound}");
            Assert.True(plan.SimulatedMax <= plan.UpperBound, $"simulation made {plan.SimulatedMax} > bound {plan.UpperBound}");
        }, iter: 300);
    }
}
