using System.CommandLine;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.Training;
using LayerNas.Training.Data;

namespace LayerNas.Cli.Options;

/// <summary>
/// `--evaluator` for commands that score candidates: <c>default</c> (the problem's own: the benchmark table, or the
/// stand-in reward of a network space) or <c>train</c> (train each candidate of a network space on
/// <c>--dataset</c> with the proxy recipe; reward = validation accuracy), plus the training options.
/// </summary>
public sealed class EvaluatorOptions
{
    public Option<string> Evaluator { get; } = new("--evaluator")
    {
        Description = "How candidates are scored: default (benchmark table, or the stand-in reward for --space) or train (train each candidate of --space on --dataset; proxy recipe).",
        DefaultValueFactory = _ => "default",
    };

    /// <summary>The proxy training options (search has its own --seed).</summary>
    public TrainingOptionSet Training { get; } = new(ownSeed: false);

    public void AddTo(Command command)
    {
        command.Options.Add(Evaluator);
        Training.AddTo(command);
    }

    /// <summary>The training evaluator when --evaluator train, else null (use the problem's own).</summary>
    public IEvaluator? Create(ParseResult parse, string? space, int seed, TextWriter progress)
    {
        string name = parse.GetValue(Evaluator)!;
        if (name.Equals("default", StringComparison.OrdinalIgnoreCase)) return null;
        if (!name.Equals("train", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"--evaluator '{name}': use default or train.");
        if (space is null)
            throw new UserInputException("--evaluator train trains networks: give a network space with --space (e.g. mobilenet-v2-28).");
        var networks = NetworkSpaceCatalog.Resolve(space);
        var options = Training.Bind(parse, TrainingOptions.Proxy with { Seed = seed });
        var data = DataSplits.Create(DatasetCatalog.Load(parse.GetValue(Training.Dataset)!), options.ValidationCount, seed);
        return new TrainingEvaluator(networks.Build, new Trainer(data, progress), options);
    }
}
