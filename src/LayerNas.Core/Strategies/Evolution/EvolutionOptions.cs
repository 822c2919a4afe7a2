using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.Evolution;

/// <summary>
/// Regularized evolution settings. Defaults are NATS-Bench's: population 10, tournament sample 3. Immutable.
/// </summary>
public sealed record EvolutionOptions : IStrategyOptions
{
    /// <summary>Size of the population (the oldest member dies when a child joins a full population).</summary>
    public int Population { get; init; } = 10;

    /// <summary>Members drawn (with replacement) per tournament; the best becomes the parent.</summary>
    public int SampleSize { get; init; } = 3;

    /// <summary>Mutations drawn per child before falling back to a random feasible architecture (all infeasible or repeated).</summary>
    public int MaxMutationTries { get; init; } = 64;

    /// <summary>NATS-Bench's settings: population 10, tournament sample 3.</summary>
    public static EvolutionOptions Default { get; } = new();

    /// <inheritdoc />
    public void Validate(SearchSpace space)
    {
        if (Population < 1) throw UserInputException.ForSetting("population", $"{Population}: use at least 1.");
        if (SampleSize < 1) throw UserInputException.ForSetting("sample_size", $"{SampleSize}: use at least 1.");
        if (MaxMutationTries < 1) throw UserInputException.ForSetting("max_mutation_tries", $"{MaxMutationTries}: use at least 1.");
    }
}
