using System.CommandLine;
using System.Globalization;
using LayerNas.Benchmarks.Comparison;
using LayerNas.Cli.Options;
using LayerNas.Reporting;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas bench`: the many-seed comparison of search strategies on the built-in tabular benchmarks.</summary>
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
            Description = "Comma-separated upper cost bounds, one setting each: absolute (120), relative to the dearest architecture (0.5x) or none.",
            DefaultValueFactory = _ => "0.5x",
        };
        var reward = new Option<string?>("--reward")
        {
            Description = "Comma-separated search rewards (NB201: valid12, valid200); a benchmark without one uses its own default.",
        };
        var cost = new Option<string>("--cost") { Description = "The constrained cost column.", DefaultValueFactory = _ => "flops" };
        var seed = new Option<int>("--seed") { Description = "Seed of the first run; run r uses seed + r.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: every core)." };
        var output = new Option<string>("--out") { Description = "Output folder for results.json, results.md and the PNG plots.", DefaultValueFactory = _ => "bench-results" };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots." };

        var command = new Command("bench", "Compare search strategies over many seeds on tabular benchmarks (the LayerNAS paper's experiment).")
        {
            benchmark, strategies, runs, budgets, timeBudget, maxCost, reward, cost, seed, threads, output, noPlots,
        };
        var knobs = new LayerNasKnobs(); // they tune the layernas strategy (the best mode), e.g. --prelude-passes 0
        foreach (var option in knobs.All) command.Options.Add(option);
        command.SetAction((ParseResult p, CancellationToken ct) =>
        {
            var time = p.GetValue(timeBudget);
            var options = new ComparisonOptions
            {
                Benchmarks = p.GetValue(benchmark)!.SelectMany(List).ToArray(),
                Strategies = List(p.GetValue(strategies)),
                Runs = p.GetValue(runs),
                Budgets = List(p.GetValue(budgets)).Select(b => ParseInt(b, "--budgets")).ToArray(),
                TimeBudgets = time is null ? null : TimeBudgets(time),
                MaxCosts = List(p.GetValue(maxCost)),
                Rewards = p.GetValue(reward) is { } r ? List(r) : null,
                Cost = p.GetValue(cost)!,
                Seed = p.GetValue(seed),
                MaxParallelism = p.GetValue(threads),
                LayerNas = (LayerNasOptions)StrategyRegistry.Get("layernas").Read(knobs.Overrides(p)),
            };
            var progress = new LineProgress(console.Error);
            var report = ComparisonHarness.Run(options, progress, cancellationToken: ct);
            var dir = p.GetValue(output)!;
            var files = ComparisonWriter.Write(report, dir).ToList();
            if (!p.GetValue(noPlots)) files.AddRange(ComparisonPlot.SaveAll(report, dir));
            foreach (var file in files) console.Out.WriteLine($"wrote {file}");
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Benchmarks.Count} settings x {report.Settings.Strategies.Count} strategies x {report.Settings.Runs} runs: " +
                $"{report.Evaluations:N0} evaluations in {report.WallSeconds:F1} s ({report.EvaluationsPerSecond:N0}/s, {report.Settings.Threads} threads, {report.CpuSeconds:F1} s CPU)"));
            return Task.FromResult(CliApp.Ok);
        });
        CliHelp.AddExamples(command,
            "layernas bench --max-cost 0.5x,none --runs 100 --out results/",
            "layernas bench --benchmark nb201-cifar100 --reward valid200 --strategies layernas,evolution",
            "layernas bench --strategies layernas,random,evolution,ppo --prelude-passes 0 --no-plots");
        return command;
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
