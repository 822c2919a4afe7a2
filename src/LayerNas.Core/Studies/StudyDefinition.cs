namespace LayerNas.Studies;

/// <summary>
/// What a study is: its name, the space, the constrained cost, the strategy and its settings, the evaluator
/// and the seed. Two definitions with the same <see cref="Fingerprint"/> describe the same search. Immutable.
/// </summary>
public sealed record StudyDefinition(
    string Name,
    string Space,
    string CostName,
    double MinCost,
    double MaxCost,
    string Strategy,
    string StrategySettings,
    string Evaluator,
    int Seed,
    int? TrialBudget)
{
    /// <summary>Default of <see cref="Window"/>.</summary>
    public const int DefaultWindow = 64;

    /// <summary>
    /// Most trials proposed but not yet told to the strategy. Part of the search's identity: with the same seed
    /// and window a study makes the same trials whatever the number of workers and slots (see <see cref="StudySchedule"/>).
    /// </summary>
    public int Window { get; init; } = DefaultWindow;

    /// <summary>
    /// Opaque data a front end stores to rebuild the strategy and evaluator elsewhere (the CLI stores its
    /// search options, so that `layernas worker` needs only the study name). Not part of the identity.
    /// </summary>
    public string Recipe { get; init; } = "";

    /// <summary>Everything that must not change when a study is resumed (the budget may grow).</summary>
    public string Fingerprint => $"{Space}|{CostName}|{MinCost:R}|{MaxCost:R}|{Strategy}|{StrategySettings}|{Evaluator}|{Seed}|{Window}";
}
