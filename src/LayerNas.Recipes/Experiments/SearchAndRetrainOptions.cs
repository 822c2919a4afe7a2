using LayerNas.Training;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// Settings of <see cref="SearchAndRetrain"/>: LayerNAS table size, the proxy recipe used to score candidates,
/// the final recipe used to retrain the found model and the backbone, and the final seeds. The MAdds budget is
/// the backbone's own MAdds unless <see cref="MaxMAdds"/> is given. Immutable.
/// </summary>
public sealed record SearchAndRetrainOptions
{
    public int Buckets { get; init; } = 3;

    public int KeepPerBucket { get; init; } = 1;

    /// <summary>Budget in MMAdds; null = the backbone's MMAdds.</summary>
    public double? MaxMAdds { get; init; }

    /// <summary>Seed of the search (and of the data split).</summary>
    public int SearchSeed { get; init; }

    public TrainingOptions Proxy { get; init; } = TrainingOptions.Proxy;

    public TrainingOptions Final { get; init; } = TrainingOptions.Final;

    /// <summary>Seeds of the final trainings (each model is trained once per seed).</summary>
    public IReadOnlyList<int> FinalSeeds { get; init; } = [1, 2, 3];

    /// <summary>Stop the search after this many trials (null: when LayerNAS finishes).</summary>
    public int? TrialBudget { get; init; }
}
