using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Settings;
using LayerNas.Training;

namespace LayerNas.Cli;

/// <summary>
/// The training options shared by `layernas train`, `layernas search --evaluator train` and `layernas demo`:
/// declares them on a command and binds them to <see cref="TrainingOptions"/> over a preset (proxy or final).
/// </summary>
public sealed class TrainingOptionSet
{
    private readonly bool _ownSeed;

    /// <param name="ownSeed">Declare --seed (false where the command already has one, e.g. search's strategy seed).</param>
    public TrainingOptionSet(bool ownSeed = true) => _ownSeed = ownSeed;

    public Option<string> Dataset { get; } = new("--dataset")
    {
        Description = "Data set: fashion-mnist (Debian package dataset-fashion-mnist), idx:DIR, cifar10:DIR, cifar100:DIR or folder:DIR.",
        DefaultValueFactory = _ => "fashion-mnist",
    };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Training epochs." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Training batch size." };

    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Peak learning rate (SGD, Nesterov momentum 0.9)." };

    public Option<LearningRateSchedule?> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule: Cosine, OneCycle or Constant." };

    public Option<int?> TrainSubset { get; } = new("--train-subset") { Description = "Use only the first N images of the training split per epoch." };

    public Option<int?> ValidationSubset { get; } = new("--val-subset") { Description = "Score only the first N images of the validation split." };

    public Option<int> ValidationCount { get; } = new("--validation")
    {
        Description = "Images split off the training data for validation (the reward).",
        DefaultValueFactory = _ => 10_000,
    };

    public Option<bool?> Augment { get; } = new("--augment") { Description = "Random crop and horizontal flip (true/false)." };

    public Option<int?> Recalibrate { get; } = new("--bn-recalibrate")
    {
        Description = "Re-estimate batch-norm statistics on N training images before scoring (0 = off; helps short trainings).",
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "libtorch threads for training (0 = libtorch's default: all cores).",
        DefaultValueFactory = _ => 0,
    };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of weights, split, shuffling and augmentation.", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Dataset, Epochs, BatchSize, LearningRate, Schedule, TrainSubset, ValidationSubset, ValidationCount, Augment, Recalibrate, Threads })
            command.Options.Add(o);
        if (_ownSeed) command.Options.Add(Seed);
    }

    /// <summary>The training settings given explicitly on the command line, by their JSON names (what a recipe's evaluator.training takes).</summary>
    public JsonObject Overrides(ParseResult parse)
    {
        var o = new JsonObject();
        void Set<T>(Option<T> option, string name, Func<T, JsonNode?> value)
        {
            if (parse.GetResult(option) is { Implicit: false }) o[name] = value(parse.GetValue(option)!);
        }
        Set(Epochs, "epochs", v => v);
        Set(BatchSize, "batch_size", v => v);
        Set(LearningRate, "learning_rate", v => v);
        Set(Schedule, "schedule", v => v is { } s ? JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()) : null);
        Set(TrainSubset, "train_subset", v => v);
        Set(ValidationSubset, "validation_subset", v => v);
        Set(ValidationCount, "validation_count", v => v);
        Set(Augment, "augment", v => v);
        Set(Recalibrate, "recalibrate_batch_norm", v => v);
        Set(Threads, "threads", v => v);
        if (_ownSeed) Set(Seed, "seed", v => v);
        return o;
    }

    /// <summary>The preset with every option the user gave applied on top, validated; errors name the setting under <c>training</c>.</summary>
    public TrainingOptions Bind(ParseResult parse, TrainingOptions preset)
    {
        var options = SettingsJson.Merge(preset, Overrides(parse), "training");
        try
        {
            return options.Validate();
        }
        catch (UserInputException ex)
        {
            throw ex.Within("training");
        }
    }
}
