using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>Decides whether a stored study may be resumed with a new definition.</summary>
public static class StudyCompatibility
{
    /// <summary>
    /// Throws a <see cref="UserInputException"/> naming the first setting that differs; a changed trial budget is allowed (a
    /// smaller one stops the study early, a larger one continues it exactly where it stopped). Strategy settings are compared
    /// in their canonical form (<see cref="StrategyRegistration.Canonical"/>), so a study stored by LayerNas 0.1 is recognised.
    /// </summary>
    public static void Check(StudyDefinition stored, StudyDefinition requested)
    {
        void Same<T>(string what, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
                throw new UserInputException(
                    $"Study '{stored.Name}' was created with {what} '{a}', not '{b}': resume it with the same {what}, or start a new study with another --study name.");
        }
        Same("space", stored.Space, requested.Space);
        Same("cost", stored.CostName, requested.CostName);
        Same("min cost", stored.MinCost, requested.MinCost);
        Same("max cost", stored.MaxCost, requested.MaxCost);
        Same("strategy", stored.Strategy, requested.Strategy);
        if (stored.StrategySettings != requested.StrategySettings)
        {
            var registration = StrategyRegistry.Find(stored.Strategy);
            Same("strategy settings", registration?.Canonical(stored.StrategySettings) ?? stored.StrategySettings,
                registration?.Canonical(requested.StrategySettings) ?? requested.StrategySettings);
        }
        // Studies made by earlier versions stored only the kind of a training evaluator, and only the table's name for a table
        // (not the reward it was searched by); a resume rebuilds them from their stored recipe, so those parts agree.
        if (!Legacy(stored.Evaluator, requested.Evaluator, LegacyTrainingEvaluator + " ") && !Legacy(stored.Evaluator, requested.Evaluator, stored.Space + " reward="))
            Same("evaluator", stored.Evaluator, requested.Evaluator);
        Same("seed", stored.Seed, requested.Seed);
        Same("window", stored.Window, requested.Window);
    }

    private const string LegacyTrainingEvaluator = "train";

    private static bool Legacy(string stored, string requested, string refinement) =>
        refinement.StartsWith(stored + " ", StringComparison.Ordinal) && requested.StartsWith(refinement, StringComparison.Ordinal);
}
