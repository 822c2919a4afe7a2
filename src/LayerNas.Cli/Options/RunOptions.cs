using System.CommandLine;
using System.Globalization;
using LayerNas.Recipes;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>
/// How this process works on a study, as opposed to what the study is (<see cref="RecipeOptions"/>): the store,
/// the slots, the failure policy, and where evaluations write their logs. Shared by `search` and `worker`.
/// </summary>
public sealed class RunOptions
{
    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = $"Where studies live: sqlite:PATH (one machine; default {StorageLocation.Default} with --study) or " +
                      "postgresql://user:password@host:5432/db (many machines; the password may instead come from PGPASSWORD).",
    };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Evaluations run at once by this process; each slot's index 0..N-1 is in LAYERNAS_SLOT (e.g. to pick a GPU). Default 1; with --evaluator train, one per core (docs/training.md).",
        DefaultValueFactory = _ => 1,
    };

    public Option<int> MaxAttempts { get; } = new("--max-attempts")
    {
        Description = "Attempts per trial that may fail (error, timeout, no valid result); then the trial is recorded as failed and treated as infeasible. A worker that dies or is stopped uses none: its trial is redone.",
        DefaultValueFactory = _ => 2,
    };

    public Option<double> Lease { get; } = new("--lease")
    {
        Description = "Seconds a worker may go silent before its trial is given to another worker (heartbeats every third of it).",
        DefaultValueFactory = _ => 60,
    };

    public Option<double> RetryDelay { get; } = new("--retry-delay")
    {
        Description = "Seconds before a failed trial's second attempt; doubles with each further attempt.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Gpus { get; } = new("--gpus")
    {
        Description = "With --evaluator command: GPU ids for the slots, e.g. 0,1: slot i gets CUDA_VISIBLE_DEVICES = id[i mod count] (several slots per GPU is normal).",
    };

    public Option<string> LogDir { get; } = new("--log-dir")
    {
        Description = "With --evaluator command: folder of the per-trial folders (trial file, stdout, stderr, the trainer's outputs).",
        DefaultValueFactory = _ => "layernas-logs",
    };

    /// <summary>Adds the run options to <paramref name="command"/> (the command declares its own --study).</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Storage, Parallel, MaxAttempts, Lease, RetryDelay, Gpus, LogDir })
            command.Options.Add(option);
    }

    /// <summary>The runner settings of the command line, validated (before any study is created or changed).</summary>
    public RunnerOptions Runner(ParseResult parse, bool createStudy, int? trialBudget = null, bool training = false)
    {
        int parallel = SlotsOf(parse, training), attempts = parse.GetValue(MaxAttempts);
        if (parallel < 1) throw new UserInputException($"--parallel {parallel}: run at least one evaluation at a time.");
        if (attempts < 1) throw new UserInputException($"--max-attempts {attempts}: allow at least one attempt per trial.");
        return new RunnerOptions
        {
            Parallel = parallel,
            MaxAttempts = attempts,
            Lease = Seconds(parse.GetValue(Lease), "--lease", allowZero: false),
            RetryDelay = Seconds(parse.GetValue(RetryDelay), "--retry-delay", allowZero: true),
            CreateStudy = createStudy,
            TrialBudget = trialBudget,
            // Host names may repeat across machines sharing a database; only a file store is certainly one machine's.
            EndDeadLocalLeases = StorageLocation.Parse(parse.GetValue(Storage)).Kind != StorageKind.Postgres,
        };
    }

    /// <summary>
    /// Evaluation slots: --parallel, or without it, for training, one per core. Measured on 2 cores: two trainings of
    /// one libtorch thread each made 3.9x the images per second of one training on two threads (docs/training.md).
    /// </summary>
    public int SlotsOf(ParseResult parse, bool training) =>
        parse.GetResult(Parallel) is { Implicit: false } || !training ? parse.GetValue(Parallel) : Math.Max(1, System.Environment.ProcessorCount);

    /// <summary>
    /// The recipe's training threads for this process: as given, or, when not set (0), the cores shared among the
    /// slots, so that --parallel slots of --threads each fill the machine without oversubscribing it.
    /// </summary>
    public static Recipes.StudyRecipe ShareCores(Recipes.StudyRecipe recipe, int slots)
    {
        if (recipe.Evaluator.Kind != Recipes.EvaluatorKind.Train || recipe.Evaluator.ResolvedTraining.Threads != 0) return recipe;
        int threads = Math.Max(1, System.Environment.ProcessorCount / Math.Max(1, slots));
        return recipe with { Evaluator = recipe.Evaluator with { Training = recipe.Evaluator.ResolvedTraining with { Threads = threads } } };
    }

    /// <summary>Where this process's evaluations write and report.</summary>
    public EvaluatorEnvironment Environment(ParseResult parse, TextWriter? log)
    {
        return new EvaluatorEnvironment
        {
            LogDirectory = parse.GetValue(LogDir)!,
            Gpus = parse.GetValue(Gpus)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Log = log,
        };
    }

    /// <summary>Seconds given on the command line as a time span; NaN, infinite, negative (or zero, unless allowed) and absurdly long values are refused.</summary>
    public static TimeSpan Seconds(double value, string option, bool allowZero)
    {
        const double Year = 365 * 24 * 3600.0;
        if (double.IsFinite(value) && (value > 0 || allowZero && value == 0) && value <= Year) return TimeSpan.FromSeconds(value);
        throw new UserInputException(
            $"{option} {value.ToString(CultureInfo.InvariantCulture)}: give a {(allowZero ? "non-negative" : "positive")} number of seconds (at most a year).");
    }
}
