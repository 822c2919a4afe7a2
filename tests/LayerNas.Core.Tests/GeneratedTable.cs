using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Core.Tests;

/// <summary>A small random table for property tests: integer costs and rewards that are sums of per-layer terms (plus optional noise).</summary>
internal sealed class GeneratedTable
{
    public GeneratedTable(int seed, int layers, int options, bool additiveReward = true, int maxOptionCost = 5)
    {
        var random = new Random(seed);
        Space = new SearchSpace($"generated-{seed}", Enumerable.Range(0, layers)
            .Select(i => new Layer($"l{i}", Enumerable.Range(0, options).Select(o => $"o{o}").ToArray())).ToArray());
        OptionCost = new int[layers, options];
        OptionReward = new double[layers, options];
        for (int l = 0; l < layers; l++)
            for (int o = 0; o < options; o++)
            {
                OptionCost[l, o] = random.Next(0, maxOptionCost + 1);
                OptionReward[l, o] = Math.Round(random.NextDouble() * 10, 3);
            }
        var indexer = new ArchitectureIndexer(Space);
        Costs = new double[indexer.Count];
        Rewards = new double[indexer.Count];
        foreach (var arch in Space.Enumerate())
        {
            long i = indexer.IndexOf(arch);
            for (int l = 0; l < layers; l++)
            {
                Costs[i] += OptionCost[l, arch[l]];
                Rewards[i] += OptionReward[l, arch[l]];
            }
            if (!additiveReward) Rewards[i] += random.NextDouble() * 3;
        }
        Indexer = indexer;
        Cost = new EnumeratedCostModel("cost", "units", Space, Costs);
    }

    public SearchSpace Space { get; }

    public ArchitectureIndexer Indexer { get; }

    public int[,] OptionCost { get; }

    public double[,] OptionReward { get; }

    public double[] Costs { get; }

    public double[] Rewards { get; }

    public EnumeratedCostModel Cost { get; }

    public double Reward(Architecture arch) => Rewards[Indexer.IndexOf(arch)];

    /// <summary>Drives a strategy to the end (or <paramref name="budget"/>) against the table; returns the evaluated architectures in order.</summary>
    public List<Architecture> Run(ISearchStrategy strategy, int budget = int.MaxValue, int batch = 1)
    {
        var evaluated = new List<Architecture>();
        while (!strategy.IsFinished && evaluated.Count < budget)
        {
            var proposals = strategy.Propose(Math.Min(batch, budget - evaluated.Count));
            if (proposals.Count == 0) break;
            foreach (var arch in proposals)
            {
                evaluated.Add(arch);
                strategy.Tell(new Observation(arch, Reward(arch)));
            }
        }
        return evaluated;
    }

    /// <summary>The best reward of a feasible architecture, by brute force.</summary>
    public double BestFeasibleReward(CostConstraint constraint) =>
        Enumerable.Range(0, Costs.Length).Where(i => constraint.IsSatisfiedBy(Costs[i])).Max(i => Rewards[i]);
}
