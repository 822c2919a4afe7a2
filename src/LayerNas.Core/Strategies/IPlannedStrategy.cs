namespace LayerNas.Strategies;

/// <summary>Capability: the strategy can say how many evaluations it will make before any is run (`layernas plan`).</summary>
public interface IPlannedStrategy : ISearchStrategy
{
    /// <summary>The plan of a fresh search with this strategy's context and settings; <paramref name="simulations"/> searches are run against random rewards.</summary>
    SearchPlan Plan(int simulations);
}
