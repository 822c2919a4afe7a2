using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>What every strategy is built from: the space, the constrained cost and a seed. Immutable.</summary>
public sealed record StrategyContext(SearchSpace Space, ICostModel Cost, CostConstraint Constraint, int Seed)
{
    /// <summary>The space's hand-designed model, where it has one (LayerNAS's <c>default</c> completion starts from it).</summary>
    public Architecture? Backbone { get; init; }

    /// <summary>True when <paramref name="arch"/>'s cost is known and meets the constraint.</summary>
    public bool IsFeasible(Architecture arch)
    {
        double c = Cost.Cost(arch);
        return !double.IsNaN(c) && Constraint.IsSatisfiedBy(c);
    }

    /// <summary>True when some completion of <paramref name="partial"/> may meet the constraint.</summary>
    public bool CanBeFeasible(PartialArchitecture partial) => Constraint.CanBeMet(Cost.Completions(partial));
}
