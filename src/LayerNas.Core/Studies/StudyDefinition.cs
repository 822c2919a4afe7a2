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
    /// <summary>Everything that must not change when a study is resumed (the budget may grow).</summary>
    public string Fingerprint => $"{Space}|{CostName}|{MinCost:R}|{MaxCost:R}|{Strategy}|{StrategySettings}|{Evaluator}|{Seed}";
}
