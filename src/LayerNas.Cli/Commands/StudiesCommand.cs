using System.CommandLine;
using System.Globalization;
using LayerNas.Storage;
using LayerNas.Studies;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas studies list|show`: the studies of a store and their progress, failures and best trials.</summary>
public static class StudiesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("studies", "List the studies of a store, or show one study's progress, failures and best trials.");
        CliHelp.AddExamples(command,
            "layernas studies list --storage sqlite:./layernas.db",
            "layernas studies show demo --storage sqlite:./layernas.db");
        var list = List(console);
        command.Subcommands.Add(list);
        command.Subcommands.Add(Show(console));
        // `layernas studies` alone lists, as `layernas studies list` does.
        var storage = StorageOption();
        command.Options.Add(storage);
        command.SetAction((parse, ct) => ListAsync(console, parse.GetValue(storage), ct));
        return command;
    }

    private static Option<string?> StorageOption() => new("--storage")
    {
        Description = $"sqlite:PATH (default {StorageLocation.Default}) or postgresql://user:password@host:5432/db.",
    };

    private static Command List(CliConsole console)
    {
        var storage = StorageOption();
        var command = new Command("list", "Every study of the store with its trials by state and its best reward.") { storage };
        command.SetAction((ParseResult parse, CancellationToken ct) => ListAsync(console, parse.GetValue(storage), ct));
        return command;
    }

    private static async Task<int> ListAsync(CliConsole console, string? storage, CancellationToken ct)
    {
        {
            await using var store = await StudyStores.OpenExistingAsync(storage, ct);
            if (store is null)
            {
                console.Error.WriteLine($"0 studies: {StorageLocation.Parse(storage).Target} does not exist (nothing was created)");
                return CliApp.Ok;
            }
            var studies = await store.ListAsync(ct);
            console.Error.WriteLine($"{studies.Count} stud{(studies.Count == 1 ? "y" : "ies")} in {store.Description}");
            if (studies.Count == 0) return CliApp.Ok;
            var rows = studies.Select(s => new[]
            {
                s.Definition.Name, s.Definition.Strategy, s.Definition.Space, s.Definition.CostName,
                $"{s.Complete + s.Failed}/{(s.Definition.TrialBudget is { } b ? b.ToString(CultureInfo.InvariantCulture) : "-")}",
                s.Running.ToString(CultureInfo.InvariantCulture), s.Pending.ToString(CultureInfo.InvariantCulture), s.Failed.ToString(CultureInfo.InvariantCulture),
                s.BestReward?.ToString("F3", CultureInfo.InvariantCulture) ?? "-", s.BestArchitecture ?? "-",
            }).ToList();
            WriteTable(console.Out, ["study", "strategy", "space", "cost", "done/budget", "running", "pending", "failed", "best", "best arch"], rows);
            return CliApp.Ok;
        }
    }

    private static Command Show(CliConsole console)
    {
        var storage = StorageOption();
        var name = new Argument<string>("study") { Description = "The study's name." };
        var top = new Option<int>("--top") { Description = "How many of the best trials to list.", DefaultValueFactory = _ => 10 };
        var command = new Command("show", "One study: its definition, progress, failures with reasons and best trials.") { name, storage, top };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var study = parse.GetValue(name)!;
            await using var store = await StudyStores.OpenExistingAsync(parse.GetValue(storage), ct)
                ?? throw new UserInputException(StudyNames.NotFound(study, StorageLocation.Parse(parse.GetValue(storage)).Target));
            var summary = (await store.ListAsync(ct)).FirstOrDefault(s => s.Definition.Name == study)
                ?? throw new UserInputException(StudyNames.NotFound(study, store.Description));
            var d = summary.Definition;
            var trials = await store.GetTrialsAsync(study, 0, ct);
            var o = console.Out;
            o.WriteLine($"study      {d.Name}");
            o.WriteLine($"store      {store.Description}");
            o.WriteLine($"space      {d.Space}");
            o.WriteLine($"cost       {new Costs.CostConstraint(d.CostName, d.MinCost, d.MaxCost).Describe("")}");
            o.WriteLine($"strategy   {d.Strategy} (seed {d.Seed}, window {d.Window})");
            o.WriteLine($"evaluator  {d.Evaluator}");
            o.WriteLine($"budget     {(d.TrialBudget is { } b ? b.ToString(CultureInfo.InvariantCulture) : "until the strategy finishes")}");
            o.WriteLine($"created    {summary.Created:u}");
            o.WriteLine($"trials     {summary.Total}: {summary.Complete} complete, {summary.Failed} failed, {summary.Running} running, {summary.Pending} pending");
            o.WriteLine($"retried    {trials.Count(t => t.AttemptsUsed > 1)} trial(s) needed more than one attempt");
            o.WriteLine($"redone     {trials.Count(t => t.Interruptions > 0)} trial(s) whose worker died or was stopped ({trials.Sum(t => t.Interruptions)} interruption(s), no attempt used)");
            if (summary.BestReward is { } best) o.WriteLine($"best       {best.ToString("F3", CultureInfo.InvariantCulture)} at {summary.BestArchitecture}");
            var failed = trials.Where(t => t.State == TrialState.Failed).ToArray();
            if (failed.Length > 0)
            {
                o.WriteLine();
                o.WriteLine($"failures ({failed.Length}):");
                WriteTable(o, ["trial", "arch", "attempts", "reason"], failed.Select(t => new[]
                {
                    t.Number.ToString(CultureInfo.InvariantCulture), t.Architecture.ToString(), t.Attempts.ToString(CultureInfo.InvariantCulture), t.Error ?? "",
                }).ToList());
            }
            var running = trials.Where(t => t.State == TrialState.Running).ToArray();
            if (running.Length > 0)
            {
                o.WriteLine();
                o.WriteLine($"running ({running.Length}):");
                WriteTable(o, ["trial", "arch", "attempt", "worker", "lease until"], running.Select(t => new[]
                {
                    t.Number.ToString(CultureInfo.InvariantCulture), t.Architecture.ToString(), t.Attempts.ToString(CultureInfo.InvariantCulture),
                    t.Worker ?? "", t.LeaseExpires?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                }).ToList());
            }
            var bestTrials = trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Reward).ThenBy(t => t.Number).Take(parse.GetValue(top)).ToArray();
            if (bestTrials.Length > 0)
            {
                o.WriteLine();
                o.WriteLine($"best {bestTrials.Length} trials:");
                WriteTable(o, ["trial", "arch", "reward", "metrics"], bestTrials.Select(t => new[]
                {
                    t.Number.ToString(CultureInfo.InvariantCulture), t.Architecture.ToString(), t.Reward!.Value.ToString("F3", CultureInfo.InvariantCulture),
                    string.Join(" ", t.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString("G6", CultureInfo.InvariantCulture)}")),
                }).ToList());
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}
