using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Evaluation;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas search`: runs a search and prints the best model under the budget and the cost/reward front.</summary>
public static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var problem = new ProblemOptions();
        var scoring = new EvaluatorOptions();
        var strategy = new StrategyOptions();
        var budget = new Option<int?>("--budget") { Description = "Stop after this many unique evaluations (default: when the strategy finishes)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout instead of tables." };
        var command = new Command("search", "Search for the best architecture under a cost budget (default: LayerNAS on nb201-cifar10 under 50% of the largest FLOPs).");
        problem.AddTo(command);
        strategy.AddTo(command);
        scoring.AddTo(command);
        command.Options.Add(budget);
        command.Options.Add(json);

        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var resolved = problem.Resolve(parse);
            if (resolved.Table?.LoadNote is { } note) console.Error.WriteLine(note);
            int seed = parse.GetValue(strategy.Seed);
            var context = new StrategyContext(resolved.Problem.Space, resolved.Cost, resolved.Constraint, seed);
            var layerNasOptions = strategy.LayerNas(parse);
            if (layerNasOptions.Completion == Completion.Default && layerNasOptions.DefaultArchitecture is null)
                layerNasOptions = layerNasOptions with { DefaultArchitecture = resolved.Problem.Backbone };
            var search = StrategyFactory.Create(parse.GetValue(strategy.Strategy)!, context, layerNasOptions);
            var evaluator = scoring.Create(parse, parse.GetValue(problem.Space), seed, console.Error) ?? resolved.Problem.RequireEvaluator();
            var definition = new StudyDefinition($"search-{Guid.NewGuid():N}", resolved.Problem.Name, resolved.Cost.Name,
                resolved.Constraint.Min, resolved.Constraint.Max, search.Name, JsonSerializer.Serialize(layerNasOptions), resolved.Problem.Name, seed, parse.GetValue(budget));
            var runner = new StudyRunner(search, evaluator, new InMemoryStudyStore(), definition,
                new RunnerOptions { TrialBudget = parse.GetValue(budget) });
            var trials = await runner.RunAsync(ct);
            if (trials.FirstOrDefault(t => t.State == TrialState.Failed) is { } failure)
                console.Error.WriteLine($"{trials.Count(t => t.State == TrialState.Failed)} evaluations failed; the first, {failure.Architecture}: {failure.Error}");
            var summary = SearchSummary.From(trials, search, resolved.Cost);
            var report = SearchReport.Create(resolved, search, summary, seed);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(report, SearchReport.JsonOptions));
            else report.WriteText(console.Out);
            return summary.Best is null ? CliApp.Failure : CliApp.Ok;
        });
        return command;
    }
}
