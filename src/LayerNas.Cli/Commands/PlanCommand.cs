using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Cli.Options;
using LayerNas.Strategies;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas plan`: how many evaluations a search will make, before any training (strategies with a plan: LayerNAS).</summary>
public static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var recipe = new RecipeOptions();
        var simulations = new Option<int>("--simulations") { Description = "Searches simulated with random rewards for the typical count.", DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout." };
        var command = new Command("plan", "Count the evaluations a LayerNAS search will make, before any training.");
        CliHelp.AddExamples(command,
            "layernas plan                                                    # LayerNAS on nb201-cifar10 under 0.5x FLOPs",
            "layernas plan --benchmark nas-bench-macro --cost params --max-cost 0.6x --buckets 16",
            "layernas plan --config examples/study.yaml --json");
        recipe.AddTo(command, evaluators: false, budget: false);
        command.Options.Add(simulations);
        command.Options.Add(json);
        command.SetAction((ParseResult parse) =>
        {
            if (parse.GetValue(simulations) < 1) throw new UserInputException("--simulations must be at least 1.");
            var wanted = recipe.Recipe(parse);
            if (parse.GetValue(recipe.PrintConfig))
            {
                console.Out.Write(wanted.ToYaml());
                return CliApp.Ok;
            }
            var built = wanted.Build(log: console.Error);
            if (built.Strategy is not IPlannedStrategy planned)
                throw new UserInputException($"Strategy '{built.Registration.Name}' has no plan: it searches until its budget ends (give --budget). Plans exist for: " +
                                             $"{string.Join(", ", StrategyRegistry.All.Where(r => typeof(IPlannedStrategy).IsAssignableFrom(r.StrategyType)).Select(r => r.Name))}.");
            var plan = planned.Plan(parse.GetValue(simulations));
            // A table scores for free, so its exact count is known by running the search on it.
            int? exact = built.Table is { ScoringUnavailable: null } table ? table.Drive(built.NewStrategy()).Count : null;
            var problem = built.Problem;
            if (parse.GetValue(json))
            {
                var head = new JsonObject
                {
                    ["benchmark"] = problem.Name,
                    ["strategy"] = built.Registration.Name,
                    ["cost"] = built.Cost.Name,
                    ["max_cost"] = double.IsPositiveInfinity(built.Constraint.Max) ? null : built.Constraint.Max,
                    ["layers"] = problem.Space.LayerCount,
                    ["upper_bound"] = plan.UpperBound,
                };
                foreach (var (key, value) in plan.Fields()) head[key] = JsonSerializer.SerializeToNode(value);
                head["simulated"] = new JsonObject { ["min"] = plan.SimulatedMin, ["mean"] = plan.SimulatedMean, ["max"] = plan.SimulatedMax, ["runs"] = plan.Simulations };
                head["exact"] = exact;
                console.Out.WriteLine(head.ToJsonString());
                return CliApp.Ok;
            }
            var w = console.Out;
            w.WriteLine($"{built.Registration.Name} plan for {problem.Name} ({problem.Space.LayerCount} layers, space size {problem.Space.Size}), {built.Constraint.Describe(built.Cost.Unit)}");
            foreach (var line in plan.Details()) w.WriteLine($"  {line}");
            w.WriteLine($"  with random rewards: {plan.SimulatedMin}..{plan.SimulatedMax} (mean {plan.SimulatedMean:F1}) over {plan.Simulations} simulations");
            if (exact is { } n) w.WriteLine($"  on this table: exactly {n} evaluations");
            return CliApp.Ok;
        });
        return command;
    }
}
