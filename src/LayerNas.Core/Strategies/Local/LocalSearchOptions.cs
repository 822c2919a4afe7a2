using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.Local;

/// <summary>
/// Local search settings (White et al. 2020, "Local search is state of the art for NAS benchmarks"). Immutable.
/// </summary>
public sealed record LocalSearchOptions : IStrategyOptions
{
    /// <summary>Random feasible architectures evaluated at the start and at every restart; the best of them is the first centre.</summary>
    public int InitialSamples { get; init; } = 10;

    /// <summary>White et al.'s setting: 10 initial samples.</summary>
    public static LocalSearchOptions Default { get; } = new();

    /// <inheritdoc />
    public void Validate(SearchSpace space)
    {
        if (InitialSamples < 1) throw UserInputException.ForSetting("initial_samples", $"{InitialSamples}: use at least 1.");
    }
}
