using System.CommandLine;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Cli.Progress;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas search`: runs a search and prints the best model under the budget and the cost/reward front.</summary>
public static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var recipe = new RecipeOptions();
        var run = new RunOptions();
        var study = new Option<string?>("--study")
        {
            Description = "Name of a persistent study: created on the first run, resumed exactly where it stopped on the next.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout instead of tables." };
        var command = new Command("search", "Search for the best architecture under a cost budget (default: LayerNAS on nb201-cifar10 under 50% of the largest FLOPs).");
        CliHelp.AddExamples(command,
            "layernas search                                                  # LayerNAS on nb201-cifar10 under 0.5x FLOPs",
            "layernas search --config examples/study.yaml                     # a recipe file; flags given too override it",
            "layernas search --benchmark nb201-cifar100 --cost params --max-cost 0.4x --seed 3 --print-config",
            "layernas search --study demo --storage sqlite:./layernas.db --report report/  # resumable, then a report",
            "layernas search --table my.csv --cost madds --max-cost 300 --reward val_acc --json > result.json");
        recipe.AddTo(command);
        command.Options.Add(study);
        run.AddTo(command);
        command.Options.Add(json);
        var progress = new ProgressOptions().AddTo(command);
        var reportTo = new Option<string?>("--report") { Description = "Also write a report (report.html and PNG plots) of the search into this folder; see docs/reports.md." };
        command.Options.Add(reportTo);

        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var wanted = recipe.Recipe(parse);
            bool training = wanted.Evaluator.Kind == Recipes.EvaluatorKind.Train;
            wanted = RunOptions.ShareCores(wanted, run.SlotsOf(parse, training));
            if (parse.GetValue(recipe.PrintConfig))
            {
                console.Out.Write(wanted.ToYaml());
                return CliApp.Ok;
            }
            var name = parse.GetValue(study);
            if (name is not null) StudyNames.Validate(name);
            if (name is null && parse.GetValue(run.Storage) is not null)
                throw new UserInputException("--storage needs --study NAME: a study's name is how a later run (or a worker) finds it again.");
            // Everything is checked before a study is created or changed.
            bool notes = progress.Notes(parse);
            var log = notes ? console.Error : TextWriter.Null;
            var built = wanted.Build(name, log, ct);
            var runner = run.Runner(parse, createStudy: true, wanted.Budget, training);
            var evaluator = built.CreateEvaluator(run.Environment(parse, log));
            if (built.Table?.LoadNote is { } note) log.WriteLine(note);
            if (built.BudgetIsDefault)
                log.WriteLine($"{built.Registration.Name} does not finish on its own: it stops after {built.Definition.TrialBudget} trials, what LayerNAS's plan spends on this problem (set --budget to change it).");
            await using var store = name is null ? (IStudyStore)new InMemoryStudyStore() : await StudyStores.OpenAsync(parse.GetValue(run.Storage), ct);
            var definition = built.Definition;
            if (name is not null)
            {
                var stored = await store.FindAsync(name, ct);
                int done = stored is null ? 0 : (await store.GetTrialsAsync(name, 0, ct)).Count(t => t.IsFinished);
                if (stored is not null)
                {
                    StudyCompatibility.Check(stored, definition);
                    definition = stored with { TrialBudget = wanted.Budget ?? stored.TrialBudget };
                }
                log.WriteLine(done == 0 ? $"study '{name}' in {store.Description}: new" : $"study '{name}' in {store.Description}: resuming after {done} finished trials");
            }
            var strategy = built.Strategy;
            var planned = built.PlannedEvaluations();
            var display = new SearchProgressDisplay(console, progress.Mode(parse), definition.Name, planned?.Count, planned?.Exact ?? false);
            var trials = await display.RunAsync(p => new StudyRunner(strategy, evaluator, store, definition, runner, p).RunAsync(ct));
            if (trials.FirstOrDefault(t => t.State == TrialState.Failed) is { } failure)
                log.WriteLine($"{trials.Count(t => t.State == TrialState.Failed)} evaluations failed; the first, {failure.Architecture}: {failure.Error}");
            var summary = SearchSummary.From(trials, strategy, built.Cost);
            if (parse.GetValue(reportTo) is { } reportDir)
                await ReportCommand.WriteAsync(new CliConsole(console.Error, console.Error), definition, trials, built, strategy, reportDir,
                    progress.Mode(parse) == ProgressMode.Quiet, null, ct);
            var report = SearchReport.Create(built, summary);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(report, SearchReport.JsonOptions));
            else report.WriteText(console.Out);
            return summary.Best is null ? CliApp.Failure : CliApp.Ok;
        });
        return command;
    }
}
