using System.CommandLine;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Cli.Progress;
using LayerNas.Recipes;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas worker`: joins a stored study and works on it until it is complete: claims trials, evaluates them
/// (--parallel at once), records the results. Run any number of workers on any number of machines against one
/// PostgreSQL store (or several processes against one SQLite file); they coordinate only through the store, and
/// rebuild the study's search from the recipe it stores.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new RunOptions();
        var name = new Option<string>("--study") { Description = "The study to work on (created by `layernas search --study NAME`).", Required = true };
        var wait = new Option<double>("--wait")
        {
            Description = "Seconds to wait for the study to be created (start workers before `layernas search --study`); 0: it must exist.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Option<string?>("--command") { Description = "This machine's training command, used instead of the study's (paths differ between machines); same settings." };
        var timeout = new Option<double?>("--timeout") { Description = "This worker's limit in seconds per attempt, instead of the study's." };
        var cmd = new Command("worker", "Work on a stored study until it is complete; run many workers on many machines against one store.");
        CliHelp.AddExamples(cmd,
            "layernas worker --study big --storage postgresql://nas@db:5432/nas --parallel 4   # on any number of machines",
            "layernas worker --study demo --storage sqlite:./layernas.db --wait 60",
            "layernas worker --study big --storage postgresql://nas@db:5432/nas --progress json 2> progress.jsonl");
        cmd.Options.Add(name);
        cmd.Options.Add(wait);
        run.AddTo(cmd);
        cmd.Options.Add(command);
        cmd.Options.Add(timeout);
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout." };
        cmd.Options.Add(json);
        var progress = new ProgressOptions().AddTo(cmd);
        cmd.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var studyName = parse.GetValue(name)!;
            StudyNames.Validate(studyName);
            double waitSeconds = RunOptions.Seconds(parse.GetValue(wait), "--wait", allowZero: true).TotalSeconds;
            run.Runner(parse, createStudy: false); // the options are checked before the store is opened
            var log = progress.Notes(parse) ? console.Error : TextWriter.Null;
            var environment = run.Environment(parse, log);
            await using var store = await StudyStores.OpenAsync(parse.GetValue(run.Storage), ct);
            var stored = await store.FindAsync(studyName, ct);
            if (stored is null && waitSeconds > 0)
            {
                log.WriteLine($"waiting up to {waitSeconds} s for study '{studyName}' in {store.Description}");
                var until = DateTime.UtcNow.AddSeconds(waitSeconds);
                while (stored is null && DateTime.UtcNow < until)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                    stored = await store.FindAsync(studyName, ct);
                }
            }
            if (stored is null) throw new UserInputException(StudyNames.NotFound(studyName, store.Description));
            bool training = StoredRecipe.Read(stored).Evaluator.Kind == Recipes.EvaluatorKind.Train;
            var runner = run.Runner(parse, createStudy: false, training: training);
            var built = StoredRecipe.Rebuild(stored, recipe => RunOptions.ShareCores(recipe, runner.Parallel) with
            {
                Evaluator = recipe.Evaluator with
                {
                    Command = parse.GetValue(command) ?? recipe.Evaluator.Command,
                    Timeout = parse.GetValue(timeout) ?? recipe.Evaluator.Timeout,
                },
            }, log, ct);
            var evaluator = built.CreateEvaluator(environment);
            var strategy = built.Strategy;
            var planned = built.PlannedEvaluations();
            var display = new SearchProgressDisplay(console, progress.Mode(parse), studyName, planned?.Count, planned?.Exact ?? false);
            var worker = new StudyRunner(strategy, evaluator, store, stored, runner, display);
            log.WriteLine($"worker {worker.WorkerId} on study '{studyName}' in {store.Description}");
            var trials = await display.RunAsync(_ => worker.RunAsync(ct));
            var summary = SearchSummary.From(trials, strategy, built.Cost);
            log.WriteLine($"worker {worker.WorkerId}: recorded {worker.Recorded} trial(s); the study is complete");
            var report = SearchReport.Create(built, summary);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(report, SearchReport.JsonOptions));
            else report.WriteText(console.Out);
            return CliApp.Ok;
        });
        return cmd;
    }
}
