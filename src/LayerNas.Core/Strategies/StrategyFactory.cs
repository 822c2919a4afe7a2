using LayerNas.Strategies.LayerNas;

namespace LayerNas.Strategies;

/// <summary>Creates strategies by their command-line names.</summary>
public static class StrategyFactory
{
    /// <summary>Strategy names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["layernas", "layernas-paper"];

    /// <param name="layerNas">Overrides for LayerNAS; for <c>layernas-paper</c> only the fields a user set on top of the paper's.</param>
    public static ISearchStrategy Create(string name, StrategyContext context, LayerNasOptions? layerNas = null) =>
        name.ToLowerInvariant() switch
        {
            "layernas" => new LayerNasStrategy(context, layerNas ?? LayerNasOptions.Default),
            "layernas-paper" => new LayerNasStrategy(context, layerNas ?? LayerNasOptions.Paper),
            _ => throw new UserInputException($"Unknown strategy '{name}': use one of {string.Join(", ", Names)}."),
        };
}
