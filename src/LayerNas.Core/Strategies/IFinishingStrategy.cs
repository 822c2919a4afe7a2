namespace LayerNas.Strategies;

/// <summary>
/// Capability: the strategy ends on its own after a number of evaluations it can foresee (LayerNAS), rather than
/// searching until a budget stops it (random search, evolution, PPO). Comparisons run such strategies to their end.
/// </summary>
public interface IFinishingStrategy : ISearchStrategy
{
}
