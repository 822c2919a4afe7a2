namespace LayerNas.Studies;

/// <summary>Decides whether a stored study may be resumed with a new definition.</summary>
public static class StudyCompatibility
{
    /// <summary>Throws a <see cref="UserInputException"/> naming the first setting that differs; a changed trial budget is allowed (a
    /// smaller one stops the study early, a larger one continues it exactly where it stopped).</summary>
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
        Same("strategy settings", stored.StrategySettings, requested.StrategySettings);
        Same("evaluator", stored.Evaluator, requested.Evaluator);
        Same("seed", stored.Seed, requested.Seed);
        Same("window", stored.Window, requested.Window);
    }
}
