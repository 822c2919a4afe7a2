namespace LayerNas.Strategies;

/// <summary>A strategy that searches in phases (LayerNAS: one layer at a time) and can say which phase it is in, for progress displays.</summary>
public interface IPhasedStrategy : ISearchStrategy
{
    /// <summary>The current phase; cheap to read after each proposal or tell. Not thread-safe, like the strategy.</summary>
    SearchPhase Phase { get; }
}
