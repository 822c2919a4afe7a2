using LayerNas.Strategies.Evolution;
using LayerNas.Strategies.LayerNas;
using LayerNas.Strategies.Ppo;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Strategies;

/// <summary>
/// Builds a search strategy by its command-line name: <c>layernas</c> (LayerNAS, <see cref="LayerNasOptions.Default"/>),
/// <c>layernas-paper</c> (<see cref="LayerNasOptions.Paper"/>), <c>random</c>, <c>evolution</c>, <c>ppo</c>
/// (the baselines with their default options). Thread-safe.
/// </summary>
public static class StrategyFactory
{
    /// <summary>Strategy names, the default first, in the order reports list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["layernas", "layernas-paper", "random", "evolution", "ppo"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>True for strategies that finish on their own (LayerNAS); the others search until the budget ends.</summary>
    public static bool FinishesOnItsOwn(string name) => name.StartsWith("layernas", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new strategy named <paramref name="name"/> (case-insensitive) for <paramref name="context"/>.</summary>
    /// <param name="layerNas">Overrides for LayerNAS; for <c>layernas-paper</c> only the fields a user set on top of the paper's.</param>
    /// <exception cref="UserInputException">The name is unknown.</exception>
    public static ISearchStrategy Create(string name, StrategyContext context, LayerNasOptions? layerNas = null) =>
        name.ToLowerInvariant() switch
        {
            "layernas" => new LayerNasStrategy(context, layerNas ?? LayerNasOptions.Default),
            "layernas-paper" => new LayerNasStrategy(context, layerNas ?? LayerNasOptions.Paper),
            "random" => new RandomSearchStrategy(context),
            "evolution" => new EvolutionStrategy(context),
            "ppo" => new PpoStrategy(context),
            _ => throw new UserInputException($"Unknown strategy '{name}': use one of {string.Join(", ", Names)}."),
        };
}
