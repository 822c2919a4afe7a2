using System.CommandLine;
using LayerNas.Cli.Options;
using LayerNas.Recipes;
using LayerNas.Reporting;
using LayerNas.Storage;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>
/// `layernas report`: writes a self-contained HTML report (and the PNG plots) of a stored study. The strategy's
/// state (the memorial tables) is rebuilt by replaying the stored trials into a fresh strategy.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var study = new Option<string>("--study") { Description = "The study to report on (made by `layernas search --study NAME`).", Required = true };
        var storage = new Option<string?>("--storage") { Description = $"Where the study is stored, as for `layernas search`: sqlite:PATH (default {StorageLocation.Default}) or postgresql://..." };
        var output = new Option<string>("--out") { Description = "Folder to write report.html and the PNG plots into (created when missing).", DefaultValueFactory = _ => "report" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not print the paths of the files written." };
        var command = new Command("report", "Write a self-contained HTML report (front, memorial-table heatmap, progress, tables) of a stored study.");
        CliHelp.AddExamples(command,
            "layernas report --study demo --out report/                   # then open report/report.html",
            "layernas report --study demo --storage sqlite:studies.db --out /tmp/demo-report",
            "layernas report --study big --storage postgresql://nas@db:5432/nas --out reports/big");
        command.Options.Add(study);
        command.Options.Add(storage);
        command.Options.Add(output);
        command.Options.Add(quiet);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var name = parse.GetValue(study)!;
            StudyNames.Validate(name);
            await using var store = await StudyStores.OpenExistingAsync(parse.GetValue(storage), ct)
                ?? throw new UserInputException(StudyNames.NotFound(name, StorageLocation.Parse(parse.GetValue(storage)).Target));
            var stored = await store.FindAsync(name, ct) ?? throw new UserInputException(StudyNames.NotFound(name, store.Description));
            var trials = await store.GetTrialsAsync(name, 0, ct);
            // The search is rebuilt from the study's recipe; no evaluator is made.
            var built = StoredRecipe.Rebuild(stored, null, console.Error, ct);
            var notes = new List<string>();
            ISearchStrategy? replayed = built.Strategy;
            try
            {
                // The study's canonical call order: replaying the stored trials gives back the strategy's state
                // (memorial tables). What it would propose next is computed but not stored.
                new StudySchedule(replayed, stored.Window, stored.TrialBudget).Advance(trials);
            }
            catch (InvalidOperationException ex)
            {
                replayed = null;
                notes.Add($"The memorial tables could not be rebuilt from the stored trials ({ex.Message}); the front shown is the Pareto front of the trials.");
            }
            await WriteAsync(console, stored, trials, built, replayed, parse.GetValue(output)!, parse.GetValue(quiet), notes, ct);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// Builds the report model of a study whose <paramref name="strategy"/> has seen its trials (run or replayed),
    /// writes the files into <paramref name="directory"/> and prints their paths (unless <paramref name="quiet"/>).
    /// </summary>
    internal static async Task<string> WriteAsync(CliConsole console, StudyDefinition definition, IReadOnlyList<Trial> trials, BuiltSearch built,
        ISearchStrategy? strategy, string directory, bool quiet, IEnumerable<string>? notes, CancellationToken ct)
    {
        bool standIn = built.EvaluatorKind == EvaluatorKind.StandIn || trials.Any(t => t.Metrics.TryGetValue(SearchReport.StandInMetric, out var s) && s > 0);
        var model = ReportModel.Build(definition, trials, built.Problem.Space, built.Cost, strategy, built.Problem.Backbone, notes, standIn: standIn);
        var html = await StudyReport.WriteAsync(model, directory, $"layernas {CliHelp.Version}", ct);
        if (!quiet)
        {
            console.Out.WriteLine(Path.GetFullPath(html));
            foreach (var png in Directory.EnumerateFiles(directory, "*.png").Order(StringComparer.Ordinal)) console.Out.WriteLine(Path.GetFullPath(png));
        }
        return html;
    }
}
