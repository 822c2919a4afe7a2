using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Core.Tests.Strategies;

public class GuidedSearchTests
{
    // A generated table under a random budget, and a reward model fitted to a random part of its feasible set (marked seen).
    private static (StrategyContext Context, FeasibleSet Set, AdditiveRewardModel Model, bool[] Seen, HashSet<Architecture> SeenSet, Random Random)
        Fitted(int seed, int layers, int options)
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
        return (context, set, model, seen, seenSet, random);
    }

    [Fact]
    public void BestUnseen_ScanAndBranchAndBound_AgreeOnTheBestPrediction()
    {
        // The guided proposal of a small feasible set scores every feasible model; the branch and bound of larger spaces
        // must give a model of the same predicted reward, feasible and unseen, on any table, budget and seen set.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[2, 4]).Sample((seed, layers, options) =>
        {
            var (context, set, model, seen, seenSet, _) = Fitted(seed, layers, options);
            double Predict(Architecture a) => Enumerable.Range(0, layers).Sum(l => model.Weight(l, a[l]));
            var scanned = GuidedSearch.BestUnseen(set, model, seen, optimism: 0);
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

    [Fact]
    public void BestUnseen_Optimistic_HasTheHighestUpperBoundOfTheUnseen()
    {
        // Scored directly: prediction + optimism · spread · √(Σ_l Σ_m inverse[k_l, k_m]) over every feasible unseen model.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[2, 4]).Sample((seed, layers, options) =>
        {
            var (_, set, model, seen, _, random) = Fitted(seed, layers, options);
            double optimism = 0.5 + 2 * random.NextDouble();
            double Score(Architecture a)
            {
                double mean = 0, variance = 0;
                for (int l = 0; l < layers; l++)
                {
                    mean += model.Weight(l, a[l]);
                    for (int m = 0; m < layers; m++) variance += model.Inverse[model.Index(l, a[l]) * model.Indicators + model.Index(m, a[m])];
                }
                return mean + optimism * model.Spread * Math.Sqrt(Math.Max(0, variance));
            }
            var unseen = set.Indices.ToArray().Where(i => !seen[i]).Select(i => set.Indexer.At(i)).ToArray();
            var pick = GuidedSearch.BestUnseen(set, model, seen, optimism);
            if (unseen.Length == 0)
            {
                Assert.Null(pick);
                return;
            }
            Assert.NotNull(pick);
            Assert.Contains(pick, unseen);
            Assert.Equal(unseen.Max(Score), Score(pick), 9);
        }, iter: 200);
    }

    [Fact]
    public void Model_InverseAndSpread_MatchTheirDefinitions()
    {
        // Inverse · (XᵀX + I) = I (ridge 1), and Spread is the root mean square of y − mean − Σ weights over the data.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 4], Gen.Int[2, 4], Gen.Int[1, 40]).Sample((seed, layers, options, count) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: false, maxOptionCost: 5);
            var random = new Random(seed);
            var model = new AdditiveRewardModel(table.Space);
            var data = new List<(Architecture Arch, double Reward)>();
            for (int n = 0; n < count; n++)
            {
                var arch = new Architecture(Enumerable.Range(0, layers).Select(_ => random.Next(options)).ToArray());
                data.Add((arch, table.Reward(arch)));
                model.Add(arch, table.Reward(arch));
            }
            int d = model.Indicators;
            var gram = new double[d, d];
            for (int i = 0; i < d; i++) gram[i, i] = 1;
            foreach (var (arch, _) in data)
                for (int l = 0; l < layers; l++)
                    for (int m = 0; m < layers; m++) gram[model.Index(l, arch[l]), model.Index(m, arch[m])] += 1;
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    double product = 0;
                    for (int k = 0; k < d; k++) product += model.Inverse[i * d + k] * gram[k, j];
                    Assert.Equal(i == j ? 1 : 0, product, 9);
                }
            double mean = data.Average(x => x.Reward);
            double squares = data.Sum(x => Math.Pow(x.Reward - mean - Enumerable.Range(0, layers).Sum(l => model.Weight(l, x.Arch[l])), 2));
            Assert.Equal(Math.Sqrt(squares / count), model.Spread, 6);
        }, iter: 200);
    }
}
