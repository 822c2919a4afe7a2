using System.CommandLine;
using System.Text.Json;
using LayerNas.Cli.Options;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Cli.Commands;

/// <summary>`layernas plan`: how many evaluations a LayerNAS search will make, before any training.</summary>
public static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var problem = new ProblemOptions();
        var strategy = new StrategyOptions();
        var simulations = new Option<int>("--simulations") { Description = "Searches simulated with random rewards for the typical count.", DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout." };
        var command = new Command("plan", "Count the evaluations a LayerNAS search will make, before any training.");
        CliHelp.AddExamples(command,
            "layernas plan                                                    # LayerNAS on nb201-cifar10 under 0.5x FLOPs",
            "layernas plan --benchmark nas-bench-macro --cost params --max-cost 0.6x --buckets 16",
            "layernas plan --table my.csv --cost madds --max-cost 300 --json");
        problem.AddTo(command);
        strategy.AddTo(command);
        command.Options.Add(simulations);
        command.Options.Add(json);
        command.SetAction((ParseResult parse) =>
        {
            var resolved = problem.Resolve(parse);
            var context = new StrategyContext(resolved.Problem.Space, resolved.Cost, resolved.Constraint, parse.GetValue(strategy.Seed));
            var options = strategy.LayerNas(parse);
            if (options.Completion == Completion.Default && options.DefaultArchitecture is null)
                options = options with { DefaultArchitecture = resolved.Problem.Backbone };
            if (parse.GetValue(simulations) < 1) throw new UserInputException("--simulations must be at least 1.");
            var plan = LayerNasPlanner.Plan(context, options, parse.GetValue(simulations));
            // A table scores for free, so its exact count is known by running the search on it.
            int? exact = resolved.Table is { ScoringUnavailable: null } table ? table.Drive(new LayerNasStrategy(context, options)).Count : null;
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    benchmark = resolved.Problem.Name,
                    cost = resolved.Cost.Name,
                    max_cost = double.IsPositiveInfinity(resolved.Constraint.Max) ? (double?)null : resolved.Constraint.Max,
                    buckets = plan.Buckets,
                    keep = plan.Keep,
                    layers = resolved.Problem.Space.LayerCount,
                    upper_bound = plan.UpperBound,
                    upper_bound_prelude = plan.PreludeUpperBound,
                    upper_bound_per_layer = plan.UpperBoundPerStep,
                    simulated = new { min = plan.SimulatedMin, mean = plan.SimulatedMean, max = plan.SimulatedMax, runs = plan.Simulations },
                    exact,
                }));
                return CliApp.Ok;
            }
            var w = console.Out;
            w.WriteLine($"LayerNAS plan for {resolved.Problem.Name} ({resolved.Problem.Space.LayerCount} layers, space size {resolved.Problem.Space.Size}), {resolved.Constraint}");
            w.WriteLine($"  buckets H = {plan.Buckets}, kept per bucket K = {plan.Keep}");
            w.WriteLine($"  at most {plan.UpperBound} evaluations (greedy prelude {plan.PreludeUpperBound}; per layer: {string.Join(" + ", plan.UpperBoundPerStep)})");
            w.WriteLine($"  with random rewards: {plan.SimulatedMin}..{plan.SimulatedMax} (mean {plan.SimulatedMean:F1}) over {plan.Simulations} simulations");
            if (exact is { } n) w.WriteLine($"  on this table: exactly {n} evaluations");
            return CliApp.Ok;
        });
        return command;
    }
}
