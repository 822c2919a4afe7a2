using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Core.Tests.Strategies;

public class GuidedSearchTests
{
    [Fact]
    public void BestUnseen_ScanAndBranchAndBound_AgreeOnTheBestPrediction()
    {
        // The guided proposal of a small feasible set scores every feasible model; the branch and bound of larger spaces
        // must give a model of the same predicted reward, feasible and unseen, on any table, budget and seen set.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[2, 4]).Sample((seed, layers, options) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: false, maxOptionCost: 5);
            var random = new Random(seed);
            double lo = table.Costs.Min(), hi = table.Costs.Max();
            var constraint = new CostConstraint("cost", double.NegativeInfinity, Math.Round(lo + (hi - lo) * random.NextDouble()));
            var context = new StrategyContext(table.Space, table.Cost, constraint, seed);
            var set = FeasibleSet.TryGet(context)!;
            var model = new AdditiveRewardModel(table.Space);
            var seen = new bool[set.Indexer.Count];
            var seenSet = new HashSet<Architecture>();
            for (int n = random.Next(1, set.Count + 1); n > 0; n--)
            {
                var arch = set.Indexer.At(set.Indices[random.Next(set.Count)]);
                model.Add(arch, table.Reward(arch));
                seen[set.Indexer.IndexOf(arch)] = true;
                seenSet.Add(arch);
            }
            double Predict(Architecture a) => Enumerable.Range(0, layers).Sum(l => model.Weight(l, a[l]));
            var scanned = GuidedSearch.BestUnseen(set, model, seen);
            var searched = GuidedSearch.BestUnseen(context, model, Enumerable.Range(0, layers).ToArray(), seenSet.Contains, new());
            if (seenSet.Count == set.Count)
            {
                Assert.Null(scanned);
                Assert.Null(searched);
                return;
            }
            Assert.NotNull(scanned);
            Assert.NotNull(searched);
            Assert.True(context.IsFeasible(scanned) && !seenSet.Contains(scanned));
            Assert.Equal(Predict(searched), Predict(scanned), 9);
            // Nothing feasible and unseen is predicted higher.
            foreach (int index in set.Indices)
            {
                var a = set.Indexer.At(index);
                if (!seenSet.Contains(a)) Assert.True(Predict(a) <= Predict(scanned) + 1e-9);
            }
        }, iter: 200);
    }
}
