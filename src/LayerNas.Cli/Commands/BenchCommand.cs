using System.CommandLine;
using System.Globalization;
using LayerNas.Benchmarks.Comparison;
using LayerNas.Benchmarks.Tables;
using LayerNas.Cli.Options;
using LayerNas.Recipes;
using LayerNas.Reporting;
using LayerNas.Strategies;
using System.Text.Json.Nodes;
using LayerNas.Settings;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas bench`: the many-seed comparison of search strategies on the built-in tabular benchmarks or a table of your own.</summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var benchmark = new Option<string[]>("--benchmark")
        {
            Description = "Built-in benchmark (repeatable or comma-separated), or all (NB201 x3 and NAS-Bench-Macro).",
            DefaultValueFactory = _ => ["all"],
            AllowMultipleArgumentsPerToken = true,
        };
        var strategies = new Option<string>("--strategies")
        {
            Description = $"Comma-separated strategies: {string.Join(", ", StrategyRegistry.Names)}.",
            DefaultValueFactory = _ => string.Join(',', StrategyRegistry.Names),
        };
        var runs = new Option<int>("--runs") { Description = "Runs (seeds) per setting and strategy.", DefaultValueFactory = _ => 100 };
        var budgets = new Option<string>("--budgets")
        {
            Description = "Comma-separated budgets in unique evaluations, ascending.",
            DefaultValueFactory = _ => "25,50,100,200,400,800",
        };
        var timeBudget = new Option<string?>("--time-budget")
        {
            Description = "Budgets in simulated training seconds from the table instead of evaluations: a list, or one number S (S/32, S/16, ..., S).",
        };
        var maxCost = new Option<string>("--max-cost")
        {
            Description = "Comma-separated upper cost bounds, one setting each: absolute (120), relative to the dearest architecture (0.5x), none, " +
                          "or a range FROM..TO stepping by FROM (0.1x..0.9x). Bounds of a range that a table cannot meet are skipped.",
            DefaultValueFactory = _ => "0.5x",
        };
        var rewardNoise = RecipeOptions.RewardNoiseFlag();
        var reward = new Option<string?>("--reward")
        {
            Description = "Comma-separated search rewards (NB201: valid12, valid200); a benchmark without one uses its own default. " +
                          "With --table: the reward column, or several (a,b,c: one recorded training each, searched by their mean or, with --reward-noise seed, one drawn per query).",
        };
        var table = new Option<FileInfo?>("--table")
        {
            Description = "Compare on your own table instead of the built-in benchmarks: a CSV with an arch column (one option index per layer) and numeric columns; " +
                          "--reward and --cost name its columns.",
        };
        var archColumn = RecipeOptions.ArchColumnFlag();
        var reported = RecipeOptions.ReportedFlag();
        var cost = new Option<string>("--cost")
        {
            Description = "Comma-separated constrained costs (flops, params; with --table, numeric columns): one setting per cost and bound.",
            DefaultValueFactory = _ => "flops",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the first run; run r uses seed + r.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: every core)." };
        var output = new Option<string>("--out") { Description = "Output folder for results.json, results.md and the PNG plots.", DefaultValueFactory = _ => "bench-results" };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots." };

        var command = new Command("bench", "Compare search strategies over many seeds on tabular benchmarks (the LayerNAS paper's experiment).")
        {
            benchmark, table, archColumn, reported, strategies, runs, budgets, timeBudget, maxCost, reward, rewardNoise, cost, seed, threads, output, noPlots,
        };
        var knobs = new LayerNasKnobs(); // they tune the layernas strategy (the best mode), e.g. --prelude-passes 0
        foreach (var option in knobs.All) command.Options.Add(option);
        var strategySetting = new Option<string[]>("--strategy-setting")
        {
            Description = "STRATEGY:KEY=VALUE: a setting of one compared strategy by its recipe name (repeatable), e.g. evolution:population=20 or local:initial_samples=20.",
            AllowMultipleArgumentsPerToken = false,
        };
        command.Options.Add(strategySetting);
        command.SetAction((ParseResult p, CancellationToken ct) =>
        {
            var time = p.GetValue(timeBudget);
            var options = new ComparisonOptions
            {
                Benchmarks = p.GetValue(benchmark)!.SelectMany(List).ToArray(),
                Strategies = Recipes(List(p.GetValue(strategies)), knobs.Overrides(p), p.GetValue(strategySetting) ?? []),
                Runs = p.GetValue(runs),
                Budgets = List(p.GetValue(budgets)).Select(b => ParseInt(b, "--budgets")).ToArray(),
                TimeBudgets = time is null ? null : TimeBudgets(time),
                MaxCosts = List(p.GetValue(maxCost)),
                Rewards = p.GetValue(reward) is { } r ? List(r) : null,
                Costs = List(p.GetValue(cost)),
                RewardNoise = p.GetValue(rewardNoise) ?? RewardNoise.None,
                Seed = p.GetValue(seed),
                MaxParallelism = p.GetValue(threads),
            };
            var progress = new LineProgress(console.Error);
            ComparisonReport report;
            if (p.GetValue(table) is { } csv)
            {
                if (p.GetResult(benchmark) is { Implicit: false })
                    throw new UserInputException("--benchmark and --table name two problems: compare on one, the built-in benchmarks or your table.");
                // The table, its reward and its noise as `layernas search --table` reads them; --cost names its columns.
                var own = new ProblemRecipe
                {
                    Table = csv.FullName,
                    ArchColumn = p.GetValue(archColumn) ?? "arch",
                    Reward = p.GetValue(reward),
                    Reported = p.GetValue(reported),
                    RewardNoise = options.RewardNoise,
                }.LoadTable(options.Costs.FirstOrDefault());
                options = options with { Rewards = null };
                var (settings, skipped) = ComparisonHarness.Sweep(own, options);
                report = ComparisonHarness.Run(settings, options, progress, cancellationToken: ct) with { Skipped = skipped };
            }
            else
            {
                if (p.GetValue(archColumn) is not null || p.GetValue(reported) is not null)
                    throw new UserInputException($"{(p.GetValue(archColumn) is not null ? "--arch-column" : "--reported")} names a column of your table: give --table FILE.csv, or drop it.");
                report = ComparisonHarness.Run(options, progress, cancellationToken: ct);
            }
            var dir = p.GetValue(output)!;
            var files = ComparisonWriter.Write(report, dir).ToList();
            if (!p.GetValue(noPlots))
            {
                files.AddRange(ComparisonPlot.SaveAll(report, dir));
                files.AddRange(ComparisonPlot.SaveLeadHeatmaps(report, dir));
            }
            foreach (var file in files) console.Out.WriteLine($"wrote {file}");
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Benchmarks.Count} settings x {report.Settings.Strategies.Count} strategies x {report.Settings.Runs} runs: " +
                $"{report.Evaluations:N0} evaluations in {report.WallSeconds:F1} s ({report.EvaluationsPerSecond:N0}/s, {report.Settings.Threads} threads, {report.CpuSeconds:F1} s CPU)"));
            return Task.FromResult(CliApp.Ok);
        });
        CliHelp.AddExamples(command,
            "layernas bench --max-cost 0.5x,none --runs 100 --out results/",
            "layernas bench --max-cost 0.1x..0.9x,none --cost flops,params --strategies layernas,random,evolution,ppo,local",
            "layernas bench --reward valid200 --reward-noise seed --max-cost 0.25x,0.5x,none",
            "layernas bench --benchmark nb201-cifar100 --reward valid200 --strategies layernas,evolution",
            "layernas bench --strategies layernas,random,evolution,ppo --prelude-passes 0 --no-plots",
            "layernas bench --table mine.csv --reward acc_s0,acc_s1,acc_s2 --reward-noise seed --cost mflops --max-cost 0.25x,0.5x,none");
        return command;
    }

    // Each compared strategy with its settings: the LayerNAS flags set the best mode (layernas), --strategy-setting any of them.
    private static IReadOnlyList<StrategyRecipe> Recipes(string[] names, JsonObject layerNas, string[] pairs)
    {
        var settings = new Dictionary<string, JsonObject>(StringComparer.Ordinal) { ["layernas"] = layerNas };
        var known = names.Select(n => StrategyRegistry.Get(n).Name).ToArray();
        foreach (var pair in pairs)
        {
            int colon = pair.IndexOf(':'), eq = pair.IndexOf('=');
            if (colon <= 0 || eq <= colon + 1)
                throw new UserInputException($"--strategy-setting '{pair}' is not STRATEGY:KEY=VALUE: write e.g. --strategy-setting evolution:population=20.");
            var strategy = StrategyRegistry.Get(pair[..colon]).Name;
            if (!known.Contains(strategy))
                throw new UserInputException($"--strategy-setting '{pair}' sets {strategy}, which is not compared: add it to --strategies or drop the setting.");
            if (!settings.TryGetValue(strategy, out var o)) settings[strategy] = o = new JsonObject();
            o[pair[(colon + 1)..eq].Trim()] = SettingsJson.Parse(pair[(eq + 1)..]);
        }
        return known.Select(n => new StrategyRecipe(n).With(settings.GetValueOrDefault(n))).ToArray();
    }

    private static string[] List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int ParseInt(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UserInputException($"{option} '{text}' is not a whole number: give a comma-separated list such as 25,50,100.");

    private static IReadOnlyList<double> TimeBudgets(string text)
    {
        var values = List(text).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new UserInputException($"--time-budget '{t}' is not a positive number of seconds: give e.g. 200000 or 25000,50000,100000.")).ToArray();
        return values.Length == 1 ? ComparisonOptions.TimeBudgetSteps(values[0]) : values;
    }

    // Writes progress lines as they happen (Progress<T> would post them to the thread pool, out of order).
    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (writer) writer.WriteLine(value);
        }
    }
}
