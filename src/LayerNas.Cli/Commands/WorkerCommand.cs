using System.CommandLine;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Cli.Progress;
using LayerNas.Strategies;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas worker`: joins a stored study and works on it until it is complete: claims trials, evaluates them
/// (--parallel at once), records the results. Run any number of workers on any number of machines against one
/// PostgreSQL store (or several processes against one SQLite file); they coordinate only through the store.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var study = new StudyOptions();
        var name = new Option<string>("--study") { Description = "The study to work on (created by `layernas search --study NAME`).", Required = true };
        var wait = new Option<double>("--wait")
        {
            Description = "Seconds to wait for the study to be created (start workers before `layernas search --study`); 0: it must exist.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("worker", "Work on a stored study until it is complete; run many workers on many machines against one store.");
        CliHelp.AddExamples(command,
            "layernas worker --study big --storage postgresql://nas@db:5432/nas --parallel 4   # on any number of machines",
            "layernas worker --study demo --storage sqlite:./layernas.db --wait 60",
            "layernas worker --study big --storage postgresql://nas@db:5432/nas --json 2> progress.jsonl");
        command.Options.Add(name);
        command.Options.Add(wait);
        study.AddWorkerOptionsTo(command);
        var progress = new ProgressOptions().AddTo(command);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var studyName = parse.GetValue(name)!;
            StudyNames.Validate(studyName);
            await using var store = await StudyStores.OpenAsync(parse.GetValue(study.Storage), ct);
            var stored = await store.FindAsync(studyName, ct);
            if (stored is null && parse.GetValue(wait) > 0)
            {
                console.Error.WriteLine($"waiting up to {parse.GetValue(wait)} s for study '{studyName}' in {store.Description}");
                var until = DateTime.UtcNow.AddSeconds(parse.GetValue(wait));
                while (stored is null && DateTime.UtcNow < until)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                    stored = await store.FindAsync(studyName, ct);
                }
            }
            if (stored is null) throw new UserInputException(StudyNames.NotFound(studyName, store.Description));
            var overrides = new EvaluatorOverrides(parse.GetValue(study.Command), parse.GetValue(study.Timeout),
                parse.GetResult(study.LogDir) is { Implicit: false } ? parse.GetValue(study.LogDir) : null, parse.GetValue(study.Gpus));
            var setup = Rebuild(stored, overrides);
            var display = new SearchProgressDisplay(console, progress.Mode(parse), studyName, SearchProgressDisplay.Planned(setup.Strategy,
                new StrategyContext(setup.Resolved.Problem.Space, setup.Resolved.Cost, setup.Resolved.Constraint, setup.Seed), stored.TrialBudget));
            var runner = new StudyRunner(setup.Strategy, setup.Evaluator, store, stored, study.Runner(parse, createStudy: false), display);
            console.Error.WriteLine($"worker {runner.WorkerId} on study '{studyName}' in {store.Description}");
            var trials = await display.RunAsync(_ => runner.RunAsync(ct));
            var summary = SearchSummary.From(trials, setup.Strategy, setup.Resolved.Cost);
            console.Error.WriteLine($"worker {runner.WorkerId}: recorded {runner.Recorded} trial(s); the study is complete");
            var report = SearchReport.Create(setup.Resolved, setup.Strategy, summary, setup.Seed);
            if (parse.GetValue(progress.Json)) console.Out.WriteLine(JsonSerializer.Serialize(report, SearchReport.JsonOptions));
            else report.WriteText(console.Out);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Rebuilds the stored study's search from its recipe and checks it is the same search.</summary>
    internal static SearchSetup Rebuild(StudyDefinition stored, EvaluatorOverrides overrides)
    {
        string[]? args = null;
        try
        {
            if (stored.Recipe.Length > 0) args = JsonSerializer.Deserialize<string[]>(stored.Recipe);
        }
        catch (JsonException)
        {
        }
        if (args is null)
            throw new UserInputException($"Study '{stored.Name}' was not created by `layernas search`, so a worker cannot rebuild its search: run it from the program that created it.");
        var problem = new ProblemOptions();
        var strategy = new StrategyOptions();
        var study = new StudyOptions();
        var training = new TrainingEvaluatorOptions();
        var search = new Command("search");
        problem.AddTo(search);
        strategy.AddTo(search);
        study.AddTo(search);
        training.AddTo(search);
        var parse = search.Parse(args);
        if (parse.Errors.Count > 0)
            throw new UserInputException($"Study '{stored.Name}' stores search options this LayerNas does not accept ({parse.Errors[0].Message}): use the LayerNas version that created it.");
        var setup = SearchSetup.Create(parse, problem, strategy, study, stored.Name, stored.TrialBudget, overrides, training);
        var rebuilt = setup.Definition with { Window = stored.Window };
        if (rebuilt.Fingerprint != stored.Fingerprint)
            throw new UserInputException(
                $"Study '{stored.Name}' rebuilds as a different search here ({rebuilt.Fingerprint} instead of {stored.Fingerprint}): run the worker with the same LayerNas version and data as the study's creator.");
        return setup with { Definition = stored };
    }
}
