using System.CommandLine;
using System.Text.Json.Nodes;
using LayerNas.Benchmarks;
using LayerNas.Benchmarks.Tables;
using LayerNas.Recipes;
using LayerNas.Settings;
using LayerNas.Strategies;

namespace LayerNas.Cli.Options;

/// <summary>
/// The flags that say what a study is, and how they map onto a <see cref="StudyRecipe"/>: <c>--config FILE</c>
/// gives a recipe file, and every flag given explicitly overrides the file's value (or the default). Shared by
/// search and plan (and, to read studies 0.1 stored as flags, by <see cref="StoredRecipe"/>).
/// </summary>
public sealed class RecipeOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A study recipe file (YAML or JSON; docs/cli.md#recipe-files); flags given as well override its values.",
    };

    public Option<bool> PrintConfig { get; } = new("--print-config")
    {
        Description = "Print the recipe (YAML) that this command line means, with every default filled in, and exit.",
    };

    public Option<string?> Benchmark { get; } = new("--benchmark")
    {
        Description = $"Built-in tabular benchmark: {string.Join(", ", BenchmarkCatalog.Entries.Select(e => e.Name))} (default {ProblemRecipe.DefaultBenchmark}).",
    };

    public Option<string?> Space { get; } = new("--space")
    {
        Description = "A network search space: a built-in one (see `layernas spaces`) or a .yaml/.json space file; costs madds (default), params, activation; scored by the stand-in reward (not accuracy) unless --evaluator says otherwise.",
    };

    public Option<FileInfo?> Table { get; } = new("--table") { Description = "Your own table: a CSV with an arch column (one option index per layer) and numeric columns." };

    public Option<string?> ArchColumn { get; } = ArchColumnFlag();

    /// <summary>The <c>--arch-column</c> flag, shared by <c>search</c> and <c>bench</c>.</summary>
    public static Option<string?> ArchColumnFlag() => new("--arch-column") { Description = "With --table: the column holding architectures (default arch)." };

    public Option<string?> Reward { get; } = new("--reward") { Description = "Search reward: valid12 or valid200 for NB201, valid12 or valid90 for nats-sss; with --table, the reward column, or several (a,b,c: one recorded training each, searched by their mean or, with --reward-noise seed, one drawn per query)." };

    public Option<RewardNoise?> RewardNoise { get; } = RewardNoiseFlag();

    /// <summary>The <c>--reward-noise</c> flag, shared by <c>search</c> and <c>bench</c>.</summary>
    public static Option<RewardNoise?> RewardNoiseFlag() => new("--reward-noise")
    {
        Description = "none (default), or seed: every query of a table draws one recorded training of the architecture from the seed and the attempt, " +
                      "as real training would differ (NB201 valid200: seeds s0..s2 where recorded; NAS-Bench-Macro: its three seeds; --table: --reward a,b,c). " +
                      "The reported accuracy stays noise-free.",
    };

    public Option<string?> Reported { get; } = ReportedFlag();

    /// <summary>The <c>--reported</c> flag, shared by <c>search</c> and <c>bench</c>.</summary>
    public static Option<string?> ReportedFlag() => new("--reported")
    {
        Description = "With --table: the column reported as test accuracy (default: the reward column, or the mean of the reward columns).",
    };

    public Option<DirectoryInfo?> NatsDir { get; } = new("--nats-dir") { Description = "Folder of the official NATS-sss-v1_0-50262-simple files (for nats-sss)." };

    public Option<FileInfo?> LatencyTable { get; } = new("--latency-table") { Description = "With --cost latency or latency-lut: the lookup-table file (default layernas-latency-SPACE.json; measured when missing)." };

    public Option<string?> Cost { get; } = new("--cost") { Description = "The constrained cost: flops or params for benchmarks; madds, params, activation, latency (the lookup table for the search, each evaluated model also measured, ms) or latency-lut (lookup-table prediction only, ms) with --space; with --table, a numeric column." };

    public Option<string?> MaxCost { get; } = new("--max-cost")
    {
        Description = "Budget: an absolute cost (e.g. 120) or a fraction of the largest architecture's cost (e.g. 0.5x); 'none' for no limit (default 0.5x).",
    };

    public Option<string?> MinCost { get; } = new("--min-cost") { Description = "Lower bound of the cost range, absolute or as a fraction (e.g. 0.2x)." };

    public Option<string?> Strategy { get; } = new("--strategy")
    {
        Description = $"Search strategy: {string.Join(", ", StrategyRegistry.Names)} (default layernas).",
    };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Random seed; the same seed gives the same search (default 0)." };

    /// <summary>The LayerNAS settings as named flags.</summary>
    public LayerNasKnobs Knobs { get; } = new();

    public Option<string[]> StrategySetting { get; } = new("--strategy-setting")
    {
        Description = "KEY=VALUE: a setting of the chosen strategy by its recipe name (repeatable), e.g. --strategy evolution --strategy-setting population=20; see docs/cli.md.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Evaluator { get; } = new("--evaluator")
    {
        Description = "How candidates are scored: default (the problem's own: the benchmark's table, a space's stand-in reward), command (your training command, see --command) or train (train each candidate of --space on --dataset, see docs/training.md).",
    };

    public Option<string?> Command { get; } = new("--command")
    {
        Description = "The training command, e.g. \"python3 train.py --epochs 5\" (implies --evaluator command). Split into words like a shell would (no shell runs it); " +
                      "the trial file's path is appended and is in LAYERNAS_TRIAL_FILE; the last stdout line must be JSON {\"reward\": ..., \"metrics\": {...}}.",
    };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "With --evaluator command: seconds one attempt may run before its process tree is killed." };

    public Option<string[]> Setting { get; } = new("--setting")
    {
        Description = "With --evaluator command: KEY=VALUE for the trainer (repeatable), e.g. --setting epochs=5; in the trial file's \"settings\" and top level.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The proxy-training settings of <c>--evaluator train</c>.</summary>
    public TrainingOptionSet Training { get; } = new(ownSeed: false);

    public Option<int?> Budget { get; } = new("--budget") { Description = "Stop after this many unique evaluations (default: when the strategy finishes)." };

    public Option<int?> Window { get; } = new("--window")
    {
        Description = $"Most trials proposed but not yet told to the strategy (default {Studies.StudyDefinition.DefaultWindow}; fixed per study: the same seed and window give the same trials whatever the number of workers).",
    };

    /// <summary>Adds every recipe flag (with <paramref name="evaluators"/>, the evaluator and training flags too) to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool evaluators = true, bool budget = true)
    {
        foreach (var option in new Option[] { Config, PrintConfig, Benchmark, Space, Table, ArchColumn, Reward, RewardNoise, Reported, NatsDir, LatencyTable, Cost, MaxCost, MinCost, Strategy, Seed }
                     .Concat(Knobs.All).Append(StrategySetting))
            command.Options.Add(option);
        if (evaluators)
        {
            foreach (var option in new Option[] { Evaluator, Command, Timeout, Setting }) command.Options.Add(option);
            Training.AddTo(command);
        }
        if (budget)
        {
            command.Options.Add(Budget);
            command.Options.Add(Window);
        }
    }

    /// <summary>The recipe of <c>--config</c> (or the defaults) with every flag given explicitly on top.</summary>
    public StudyRecipe Recipe(ParseResult parse, StudyRecipe? basis = null)
    {
        var r = basis ?? (parse.GetValue(Config) is { } file ? StudyRecipe.Load(file.FullName) : new StudyRecipe());
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };

        // What is searched: one problem flag replaces whatever problem the file named.
        var problem = r.Problem;
        if (parse.GetValue(Benchmark) is { } benchmark) problem = problem with { Benchmark = benchmark, Space = null, Table = null };
        if (parse.GetValue(Space) is { } space) problem = problem with { Space = space, Benchmark = null, Table = null };
        if (parse.GetValue(Table) is { } table) problem = problem with { Table = table.FullName, Benchmark = null, Space = null };
        if (Given(Benchmark) && Given(Space) || Given(Benchmark) && Given(Table) || Given(Space) && Given(Table))
            throw new UserInputException("Give one of --space, --benchmark or --table, not several.");
        if (parse.GetValue(ArchColumn) is { } archColumn) problem = problem with { ArchColumn = archColumn };
        if (parse.GetValue(Reward) is { } reward) problem = problem with { Reward = reward };
        if (parse.GetValue(RewardNoise) is { } noise) problem = problem with { RewardNoise = noise };
        if (parse.GetValue(Reported) is { } reported) problem = problem with { Reported = reported };
        if (parse.GetValue(NatsDir) is { } nats) problem = problem with { NatsDir = nats.FullName };
        if (parse.GetValue(LatencyTable) is { } lut) problem = problem with { LatencyTable = lut.FullName };
        r = r with { Problem = problem };
        if (parse.GetValue(Cost) is { } cost) r = r with { Cost = cost };
        if (parse.GetValue(MaxCost) is { } max) r = r with { MaxCost = max.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : max };
        if (parse.GetValue(MinCost) is { } min) r = r with { MinCost = min };
        if (parse.GetValue(Seed) is { } seed) r = r with { Seed = seed };
        if (parse.GetValue(Budget) is { } b) r = r with { Budget = b };
        if (parse.GetValue(Window) is { } window) r = r with { Window = window };

        // The strategy: a new name starts from that strategy's defaults; the settings given apply on top.
        if (parse.GetValue(Strategy) is { } name && !name.Equals(r.Strategy.Name, StringComparison.OrdinalIgnoreCase))
            r = r with { Strategy = new StrategyRecipe(StrategyRegistry.Get(name).Name) };
        var settings = Knobs.Overrides(parse);
        var registration = r.Strategy.Registration;
        foreach (var (flag, setting) in Knobs.Settings)
            if (Given(flag) && !registration.SettingNames.Contains(setting))
                throw new UserInputException($"{flag.Name} is a LayerNAS setting, and strategy '{registration.Name}' does not take it: " +
                                             $"drop {flag.Name}, or set this strategy's own settings with --strategy-setting KEY=VALUE ({Names(registration)}).");
        foreach (var pair in parse.GetValue(StrategySetting) ?? [])
        {
            var (key, value) = KeyValue(pair, "--strategy-setting", "population=20");
            settings[key] = value.Contains(',') && !value.Contains(' ') ? new JsonArray(value.Split(',').Select(SettingsJson.Parse).ToArray()) : SettingsJson.Parse(value);
        }
        r = r with { Strategy = r.Strategy.With(settings) };

        // The evaluator.
        var evaluator = r.Evaluator;
        if (parse.GetValue(Evaluator) is { } kind) evaluator = evaluator with { Kind = EvaluatorKindOf(kind) };
        if (parse.GetValue(Command) is { } commandLine)
        {
            evaluator = evaluator with { Command = commandLine };
            if (!Given(Evaluator)) evaluator = evaluator with { Kind = EvaluatorKind.Command };
        }
        if (parse.GetValue(Timeout) is { } timeout) evaluator = evaluator with { Timeout = timeout };
        if (parse.GetValue(Setting) is { Length: > 0 } pairs)
        {
            var merged = new Dictionary<string, string>(evaluator.Settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                var (key, value) = KeyValue(pair, "--setting", "epochs=5");
                merged[key] = value;
            }
            evaluator = evaluator with { Settings = merged };
        }
        if (parse.GetValue(Training.Dataset) is { } dataset && Given(Training.Dataset)) evaluator = evaluator with { Dataset = dataset };
        var training = Training.Overrides(parse);
        if (training.Count > 0) evaluator = evaluator with { Training = SettingsJson.Merge(evaluator.ResolvedTraining, training, "evaluator.training") };
        if (evaluator.Command is not null && evaluator.Kind != EvaluatorKind.Command)
            throw new UserInputException("--command is only used with --evaluator command: add --evaluator command or drop --command.");
        return r with { Evaluator = evaluator };
    }

    private static string Names(StrategyRegistration registration) =>
        registration.SettingNames.Count == 0 ? "it has none" : string.Join(", ", registration.SettingNames);

    private static (string Key, string Value) KeyValue(string pair, string flag, string example)
    {
        int eq = pair.IndexOf('=');
        if (eq <= 0) throw new UserInputException($"{flag} '{pair}' is not KEY=VALUE: write e.g. {flag} {example}.");
        return (pair[..eq].Trim(), pair[(eq + 1)..]);
    }

    private static EvaluatorKind EvaluatorKindOf(string text) => text.Trim().ToLowerInvariant() switch
    {
        "default" or "auto" => EvaluatorKind.Auto,
        "table" => EvaluatorKind.Table,
        "stand-in" or "stand_in" or "standin" => EvaluatorKind.StandIn,
        "train" => EvaluatorKind.Train,
        "command" => EvaluatorKind.Command,
        _ => throw new UserInputException($"--evaluator '{text}' is unknown: use 'default' (the problem's own scores), 'command' (with --command \"python3 train.py\") or 'train' (with --space and --dataset)."),
    };
}
