using LayerNas.Strategies.LayerNas;

namespace LayerNas.Strategies;

/// <summary>
/// Capability: the strategy keeps a front of its own in memorial tables (LayerNAS): the best model per cost bucket,
/// which results list beside the Pareto front and reports show as a heatmap. Read after the strategy has seen the
/// trials (run or replayed).
/// </summary>
public interface IFrontStrategy : ISearchStrategy
{
    /// <summary>
    /// Memorial tables of the finished steps, in search order (empty before the first step ends); the last is the
    /// front, final once <see cref="ISearchStrategy.IsFinished"/>.
    /// </summary>
    IReadOnlyList<MemorialTable> Tables { get; }

    /// <summary>The cost range of each bucket of the tables (by the cost that places a candidate, see <see cref="LayerNasOptions.BucketBy"/>), cheapest first.</summary>
    IReadOnlyList<Costs.CostRange> BucketRanges { get; }
}
