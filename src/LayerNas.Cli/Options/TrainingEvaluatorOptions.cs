using System.CommandLine;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.Training;
using LayerNas.Training.Data;

namespace LayerNas.Cli.Options;

/// <summary>
/// `--evaluator train`: train each candidate of a network space (`--space`) on `--dataset` with the proxy recipe
/// (reward = validation accuracy). Declares the training options; `--evaluator` itself is <see cref="StudyOptions.Evaluator"/>.
/// </summary>
public sealed class TrainingEvaluatorOptions
{
    public const string Kind = "train";

    /// <summary>The proxy training options (search has its own --seed).</summary>
    public TrainingOptionSet Training { get; } = new(ownSeed: false);

    public void AddTo(Command command) => Training.AddTo(command);

    /// <summary>The training evaluator when <paramref name="kind"/> is <c>train</c>, else null.</summary>
    public IEvaluator? Create(ParseResult parse, string? kind, string? space, int seed, TextWriter? progress)
    {
        if (!string.Equals(kind, Kind, StringComparison.OrdinalIgnoreCase)) return null;
        if (space is null)
            throw new UserInputException("--evaluator train trains networks: give a network space with --space (e.g. mobilenet-v2-28).");
        var networks = NetworkSpaceCatalog.Resolve(space);
        var options = Training.Bind(parse, TrainingOptions.Proxy with { Seed = seed });
        var data = DataSplits.Create(DatasetCatalog.Load(parse.GetValue(Training.Dataset)!), options.ValidationCount, seed);
        return new TrainingEvaluator(networks.Build, new Trainer(data, progress), options);
    }
}
