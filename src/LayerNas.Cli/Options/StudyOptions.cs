using System.CommandLine;
using System.Globalization;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>
/// The options that make a search a named, persistent study and say how this process works on it: the store,
/// the slots, the failure policy and the external-command evaluator. Shared by `search` and `worker`.
/// </summary>
public sealed class StudyOptions
{
    public Option<string?> Study { get; } = new("--study")
    {
        Description = "Name of a persistent study: created on the first run, resumed exactly where it stopped on the next.",
    };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = $"Where studies live: sqlite:PATH (one machine; default {StorageLocation.Default} with --study) or " +
                      "postgresql://user:password@host:5432/db (many machines; the password may instead come from PGPASSWORD).",
    };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Evaluations run at once by this process; each slot's index 0..N-1 is in LAYERNAS_SLOT (e.g. to pick a GPU).",
        DefaultValueFactory = _ => 1,
    };

    public Option<int> MaxAttempts { get; } = new("--max-attempts")
    {
        Description = "Attempts per trial (a failed evaluation or a dead worker each use one); then the trial is recorded as failed and treated as infeasible.",
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

    public Option<int> Window { get; } = new("--window")
    {
        Description = "Most trials proposed but not yet told to the strategy (fixed per study: the same seed and window give the same trials whatever the number of workers).",
        DefaultValueFactory = _ => StudyDefinition.DefaultWindow,
    };

    public Option<string?> Evaluator { get; } = new("--evaluator")
    {
        Description = "How candidates are scored: default (the benchmark's own scores), command (your training command, see --command) or train (train each candidate of --space on --dataset, see docs/training.md).",
    };

    public Option<string?> Command { get; } = new("--command")
    {
        Description = "With --evaluator command: the training command, e.g. \"python3 train.py --epochs 5\". Split into words like a shell would (no shell runs it); " +
                      "the trial file's path is appended and is in LAYERNAS_TRIAL_FILE; the last stdout line must be JSON {\"reward\": ..., \"metrics\": {...}}.",
    };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "With --evaluator command: seconds one attempt may run before its process tree is killed." };

    public Option<string[]> Setting { get; } = new("--setting")
    {
        Description = "With --evaluator command: KEY=VALUE for the trainer (repeatable), e.g. --setting epochs=5; in the trial file's \"settings\" and top level.",
        AllowMultipleArgumentsPerToken = false,
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

    /// <summary>The options every study-running command takes (not --study, which each command declares itself).</summary>
    public void AddTo(Command command, bool includeStudy = true)
    {
        if (includeStudy) command.Options.Add(Study);
        foreach (var option in new Option[] { Storage, Parallel, MaxAttempts, Lease, RetryDelay, Window, Evaluator, Command, Timeout, Setting, Gpus, LogDir })
            command.Options.Add(option);
    }

    /// <summary>Adds the options of `layernas worker`: how this process works on a study whose search is stored.</summary>
    public void AddWorkerOptionsTo(Command command)
    {
        foreach (var option in new Option[] { Storage, Parallel, MaxAttempts, Lease, RetryDelay, Command, Timeout, Gpus, LogDir })
            command.Options.Add(option);
    }

    public RunnerOptions Runner(ParseResult parse, bool createStudy) => new()
    {
        Parallel = parse.GetValue(Parallel),
        MaxAttempts = parse.GetValue(MaxAttempts),
        Lease = Seconds(parse.GetValue(Lease), "--lease"),
        RetryDelay = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(RetryDelay))),
        CreateStudy = createStudy,
        // Host names may repeat across machines sharing a database; only a file store is certainly one machine's.
        EndDeadLocalLeases = StorageLocation.Parse(parse.GetValue(Storage)).Kind != StorageKind.Postgres,
    };

    /// <summary>The command evaluator the options describe, or null when no --command was given.</summary>
    /// <remarks>The overrides are a worker's own --command/--timeout, used instead of the study's (paths differ between machines).</remarks>
    public CommandEvaluator? CommandEvaluator(ParseResult parse, SearchSpace space, EvaluatorOverrides? overrides = null,
        Func<Architecture, System.Text.Json.Nodes.JsonNode?>? spec = null)
    {
        var kind = parse.GetValue(Evaluator);
        var commandLine = overrides?.Command ?? parse.GetValue(Command);
        if (kind is not null && !kind.Equals("command", StringComparison.OrdinalIgnoreCase) && !kind.Equals("default", StringComparison.OrdinalIgnoreCase)
            && !kind.Equals(TrainingEvaluatorOptions.Kind, StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"--evaluator '{kind}' is unknown: use 'default' (the benchmark's own scores), 'command' (with --command \"python3 train.py\") or 'train' (with --space and --dataset).");
        bool wantCommand = string.Equals(kind, "command", StringComparison.OrdinalIgnoreCase);
        if (wantCommand && commandLine is null)
            throw new UserInputException("--evaluator command needs --command: give the training command, e.g. --command \"python3 train.py\".");
        if (commandLine is null) return null;
        if (kind is not null && !wantCommand)
            throw new UserInputException("--command is only used with --evaluator command: add --evaluator command or drop --command.");
        double? timeout = overrides?.Timeout ?? parse.GetValue(Timeout);
        var logs = overrides?.LogDirectory ?? parse.GetValue(LogDir)!;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Setting) ?? [])
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new UserInputException($"--setting '{pair}' is not KEY=VALUE: write e.g. --setting epochs=5.");
            settings[pair[..eq]] = pair[(eq + 1)..];
        }
        var gpus = (overrides?.Gpus ?? parse.GetValue(Gpus))?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new CommandEvaluator(new CommandEvaluatorOptions(ArgumentSplitter.Split(commandLine), space, Path.GetFullPath(logs))
        {
            Timeout = timeout is { } t ? Seconds(t, "--timeout") : null,
            Settings = settings,
            Gpus = gpus,
            Spec = spec,
        });
    }

    private static TimeSpan Seconds(double value, string option) =>
        value > 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new UserInputException($"{option} {value.ToString(CultureInfo.InvariantCulture)}: give a positive number of seconds.");
}
