using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Export.Latency;
using LayerNas.Storage;
using LayerNas.Cli.Progress;
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
        var strategy = new StrategyOptions();
        var study = new StudyOptions();
        var training = new TrainingEvaluatorOptions();
        var budget = new Option<int?>("--budget") { Description = "Stop after this many unique evaluations (default: when the strategy finishes)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout instead of tables." };
        var command = new Command("search", "Search for the best architecture under a cost budget (default: LayerNAS on nb201-cifar10 under 50% of the largest FLOPs).");
        CliHelp.AddExamples(command,
            "layernas search                                                  # LayerNAS on nb201-cifar10 under 0.5x FLOPs",
            "layernas search --benchmark nb201-cifar100 --cost params --max-cost 0.4x --seed 3",
            "layernas search --study demo --storage sqlite:./layernas.db --report report/  # resumable, then a report",
            "layernas search --table my.csv --cost madds --max-cost 300 --reward val_acc --json > result.json");
        problem.AddTo(command);
        strategy.AddTo(command);
        study.AddTo(command);
        training.AddTo(command);
        command.Options.Add(budget);
        command.Options.Add(json);
        var progress = new ProgressOptions(json).AddTo(command);
        var reportTo = new Option<string?>("--report") { Description = "Also write a report (report.html and PNG plots) of the search into this folder; see docs/reports.md." };
        command.Options.Add(reportTo);

        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var name = parse.GetValue(study.Study);
            if (name is null && parse.GetValue(study.Storage) is not null)
                throw new UserInputException("--storage needs --study NAME: a study's name is how a later run (or a worker) finds it again.");
            var setup = SearchSetup.Create(parse, problem, strategy, study, name, parse.GetValue(budget), training: training, progress: console.Error);
            var (resolved, search, evaluator, definition, seed) = (setup.Resolved, setup.Strategy, setup.Evaluator, setup.Definition, setup.Seed);
            if (resolved.Table?.LoadNote is { } note) console.Error.WriteLine(note);
            await using var store = name is null ? (IStudyStore)new InMemoryStudyStore() : await StudyStores.OpenAsync(parse.GetValue(study.Storage), ct);
            if (name is not null)
            {
                int done = await store.FindAsync(name, ct) is null ? 0 : (await store.GetTrialsAsync(name, 0, ct)).Count(t => t.IsFinished);
                console.Error.WriteLine(done == 0 ? $"study '{name}' in {store.Description}: new" : $"study '{name}' in {store.Description}: resuming after {done} finished trials");
                // Measured latencies are kept in the study's trials: a resumed study reuses them instead of measuring again.
                if (done > 0 && resolved.Cost is MeasuredLatencyCostModel latency)
                    latency.Cache.AddFrom(await store.GetTrialsAsync(name, 0, ct));
            }
            var display = new SearchProgressDisplay(console, progress.Mode(parse), definition.Name, SearchProgressDisplay.Planned(search,
                new StrategyContext(resolved.Problem.Space, resolved.Cost, resolved.Constraint, seed), parse.GetValue(budget) ?? definition.TrialBudget));
            var trials = await display.RunAsync(p => new StudyRunner(search, evaluator, store, definition,
                study.Runner(parse, createStudy: true) with { TrialBudget = parse.GetValue(budget) }, p).RunAsync(ct));
            if (trials.FirstOrDefault(t => t.State == TrialState.Failed) is { } failure)
                console.Error.WriteLine($"{trials.Count(t => t.State == TrialState.Failed)} evaluations failed; the first, {failure.Architecture}: {failure.Error}");
            var summary = SearchSummary.From(trials, search, resolved.Cost);
            if (parse.GetValue(reportTo) is { } reportDir)
                await ReportCommand.WriteAsync(new CliConsole(console.Error, console.Error), definition, trials, resolved.Problem.Space, resolved.Cost, search,
                    resolved.Problem.Backbone, reportDir, progress.Mode(parse) == ProgressMode.Quiet, ct);
            var report = SearchReport.Create(resolved, search, summary, seed);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(report, SearchReport.JsonOptions));
            else report.WriteText(console.Out);
            return summary.Best is null ? CliApp.Failure : CliApp.Ok;
        });
        return command;
    }
}
