using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.RandomSearch;

/// <summary>Random search has no settings beyond the study's seed; this record exists so every strategy has one. Immutable.</summary>
public sealed record RandomSearchOptions : IStrategyOptions
{
    /// <summary>The only settings: none.</summary>
    public static RandomSearchOptions Default { get; } = new();

    /// <inheritdoc />
    public void Validate(SearchSpace space) { }
}
