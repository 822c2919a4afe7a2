using LayerNas.SearchSpaces;
using LayerNas.Strategies;

namespace LayerNas.Costs;

/// <summary>
/// Costs of the feasible architectures of a space: all of them when the space is small enough to enumerate,
/// otherwise a seeded uniform sample. Used to place quantile bucket edges.
/// </summary>
public static class FeasibleCostSample
{
    /// <summary>Largest space whose feasible costs are all enumerated; larger ones are sampled.</summary>
    public const int EnumerationLimit = 1 << 20;
    /// <summary>Architectures sampled from a space too large to enumerate.</summary>
    public const int SampleSize = 20_000;

    /// <summary>The costs of the feasible architectures of <paramref name="context"/> (all, or a sample seeded by its seed); shared, do not modify.</summary>
    public static double[] Of(StrategyContext context)
    {
        var costs = new List<double>();
        if (context.Space.Size <= EnumerationLimit)
        {
            // Enumerated once per space, cost and constraint, and shared: many-seed comparisons build thousands of strategies.
            if (FeasibleSet.TryGet(context) is { } set) return (double[])set.Costs.Clone();
            foreach (var arch in context.Space.Enumerate()) Add(arch);
        }
        else
        {
            var random = new Random(context.Seed);
            for (int i = 0; i < SampleSize * 5 && costs.Count < SampleSize; i++) Add(context.Space.Sample(random));
        }
        return costs.ToArray();

        void Add(Architecture arch)
        {
            double c = context.Cost.Cost(arch);
            if (!double.IsNaN(c) && context.Constraint.IsSatisfiedBy(c)) costs.Add(c);
        }
    }
}
