using System.CommandLine;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Cli.Options;

/// <summary>Strategy choice, seed and the LayerNAS knobs; shared by search, plan and worker.</summary>
public sealed class StrategyOptions
{
    public Option<string> Strategy { get; } = new("--strategy")
    {
        Description = $"Search strategy: {string.Join(", ", StrategyFactory.Names)}.",
        DefaultValueFactory = _ => "layernas",
    };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed; the same seed gives the same search.", DefaultValueFactory = _ => 0 };

    /// <summary>The LayerNAS knobs, applied on top of the strategy's preset.</summary>
    public LayerNasKnobs Knobs { get; } = new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Strategy, Seed }.Concat(Knobs.All))
            command.Options.Add(option);
    }

    /// <summary>The LayerNAS options: the strategy's preset with the knobs the user set on top.</summary>
    public LayerNasOptions LayerNas(ParseResult parse)
    {
        var preset = string.Equals(parse.GetValue(Strategy), "layernas-paper", StringComparison.OrdinalIgnoreCase)
            ? LayerNasOptions.Paper
            : LayerNasOptions.Default;
        return Knobs.Apply(parse, preset);
    }

    public ISearchStrategy Create(ParseResult parse, StrategyContext context) =>
        StrategyFactory.Create(parse.GetValue(Strategy)!, context, LayerNas(parse));
}
