using LayerNas.Strategies.Evolution;
using LayerNas.Strategies.LayerNas;
using LayerNas.Strategies.Local;
using LayerNas.Strategies.Ppo;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Strategies;

/// <summary>
/// Every search strategy by name: the one list that recipes, the CLI, comparisons and reports read. To add a
/// strategy, write it and its settings record in a folder of their own and add one line here (docs/concepts.md,
/// "Extending LayerNas"). Thread-safe.
/// </summary>
public static class StrategyRegistry
{
    /// <summary>The registered strategies, the default first, in the order reports list them.</summary>
    public static IReadOnlyList<StrategyRegistration> All { get; } =
    [
        StrategyRegistration.For("layernas", "LayerNAS in the mode measured best (docs/concepts.md)", LayerNasOptions.Default, (c, o) => new LayerNasStrategy(c, o)),
        StrategyRegistration.For("layernas-paper", "LayerNAS as the paper describes it", LayerNasOptions.Paper, (c, o) => new LayerNasStrategy(c, o)),
        StrategyRegistration.For("random", "uniform random search over the feasible architectures", RandomSearchOptions.Default, (c, o) => new RandomSearchStrategy(c, o)),
        StrategyRegistration.For("evolution", "regularized evolution (Real et al. 2019)", EvolutionOptions.Default, (c, o) => new EvolutionStrategy(c, o)),
        StrategyRegistration.For("ppo", "a PPO policy over layerwise choices", PpoOptions.Default, (c, o) => new PpoStrategy(c, o)),
        StrategyRegistration.For("local", "local search over one-layer neighbourhoods (White et al. 2020)", LocalSearchOptions.Default, (c, o) => new LocalSearchStrategy(c, o)),
    ];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static StrategyRegistration? Find(string name) =>
        All.FirstOrDefault(r => r.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The strategy named <paramref name="name"/>; a <see cref="UserInputException"/> naming the known ones when there is none.</summary>
    public static StrategyRegistration Get(string name) =>
        Find(name) ?? throw UserInputException.ForSetting("strategy.name", $"'{name}' is not a strategy: use one of {string.Join(", ", Names)}.");
}
