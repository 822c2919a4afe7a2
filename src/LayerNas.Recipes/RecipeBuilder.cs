using System.Globalization;
using System.Text.Json.Nodes;
using LayerNas.Benchmarks;
using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Export.Latency;
using LayerNas.Networks;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Settings;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;
using LayerNas.Training;
using LayerNas.Training.Data;

namespace LayerNas.Recipes;

/// <summary>Turns a <see cref="StudyRecipe"/> into a <see cref="BuiltSearch"/>; see <see cref="StudyRecipe.Build"/>.</summary>
internal static class RecipeBuilder
{
    public static BuiltSearch Build(StudyRecipe recipe, string? studyName, TextWriter? log, CancellationToken cancellationToken)
    {
        recipe.Problem.Validate();
        if (recipe.Window < 1) throw UserInputException.ForSetting("window", $"{recipe.Window}: allow at least one trial in flight.");
        if (recipe.Budget is < 1)
            throw UserInputException.ForSetting("budget", $"{recipe.Budget}: give at least 1 trial, or no budget to run until the strategy finishes.");
        var registration = recipe.Strategy.Registration;

        TabularBenchmark? table = null;
        NetworkSearchSpace? network = null;
        SearchProblem problem;
        switch (recipe.Problem.Kind)
        {
            case ProblemKind.Space:
                network = NetworkSpaceCatalog.Resolve(recipe.Problem.Space!);
                problem = LatencyCosts.IsLatency(recipe.Cost)
                    ? LatencyCosts.Problem(network, new LatencyOptions(), recipe.Problem.LatencyTable, log, cancellationToken)
                    : network.ToProblem();
                break;
            default:
                table = recipe.Problem.LoadTable(recipe.Cost);
                problem = table.ToProblem();
                break;
        }
        var cost = problem.CostModel(recipe.Cost);
        var range = cost.Completions(PartialArchitecture.Empty(problem.Space.LayerCount));
        var constraint = CostConstraint.Parse(cost, recipe.MinCost, recipe.MaxCost, range);
        var context = new StrategyContext(problem.Space, cost, constraint, recipe.Seed) { Backbone = problem.Backbone };
        var settings = recipe.Strategy.ResolvedSettings;

        // A strategy that never finishes on its own would search the whole space (with training: for ever); unless a
        // budget is given it gets the evaluations LayerNAS's plan would spend on the same problem, known before any training.
        int? budget = recipe.Budget;
        bool defaulted = false;
        if (budget is null && !registration.FinishesOnItsOwn)
        {
            budget = Math.Max(1, (int)Math.Round(LayerNasPlanner.Plan(context, LayerNasOptions.Default, simulations: 4).SimulatedMean));
            defaulted = true;
        }

        var kind = ResolveKind(recipe.Evaluator.Kind, recipe.Problem.Kind);
        var identity = EvaluatorIdentity(recipe, kind, problem, table);
        var definition = new StudyDefinition(studyName ?? $"search-{Guid.NewGuid():N}", problem.Name, cost.Name, constraint.Min, constraint.Max,
            registration.Name, SettingsJson.ToJson(settings), identity, recipe.Seed, budget)
        {
            Window = recipe.Window,
            Recipe = recipe.ToJson(),
        };
        Func<EvaluatorEnvironment, IEvaluator> evaluator = environment =>
        {
            var made = CreateEvaluator(recipe, kind, problem, network, environment);
            return network is not null && LatencyCosts.IsMeasured(recipe.Cost) ? LatencyCosts.Measuring(made, network) : made;
        };
        return new BuiltSearch(recipe, problem, cost, constraint, context, registration, definition, table, network, kind, evaluator) { BudgetIsDefault = defaulted };
    }

    private static EvaluatorKind ResolveKind(EvaluatorKind kind, ProblemKind problem)
    {
        var resolved = kind == EvaluatorKind.Auto ? (problem == ProblemKind.Space ? EvaluatorKind.StandIn : EvaluatorKind.Table) : kind;
        bool space = problem == ProblemKind.Space;
        if (resolved == EvaluatorKind.Table && space)
            throw UserInputException.ForSetting("evaluator.kind", "table scores a benchmark or CSV, and this problem is a network space: use stand_in, train or command.");
        if (resolved is EvaluatorKind.StandIn or EvaluatorKind.Train && !space)
            throw UserInputException.ForSetting("evaluator.kind",
                $"{Snake(resolved)} needs a network space (e.g. mobilenet-v2-28): a benchmark or table problem is scored by its table or a command.");
        return resolved;
    }

    private static string Snake(EvaluatorKind kind) => kind == EvaluatorKind.StandIn ? "stand_in" : kind.ToString().ToLowerInvariant();

    // What must not change when a study resumes: the table or stand-in, the training recipe (5 epochs is not 50; the
    // thread count is not part of it), or the trainer's settings (not its path, which differs between machines).
    private static string EvaluatorIdentity(StudyRecipe recipe, EvaluatorKind kind, SearchProblem problem, TabularBenchmark? table)
    {
        var e = recipe.Evaluator;
        switch (kind)
        {
            case EvaluatorKind.Train:
            {
                var training = SettingsJson.ToNode(Proxy(recipe));
                training.Remove("threads");
                return $"train {e.Dataset} {training.ToJsonString()}";
            }
            case EvaluatorKind.Command:
                if (string.IsNullOrWhiteSpace(e.Command))
                    throw UserInputException.ForSetting("evaluator.command", "is needed with evaluator kind command: give the training command, e.g. \"python3 train.py\".");
                ArgumentSplitter.Split(e.Command);
                if (e.Timeout is { } t && !(t > 0 && double.IsFinite(t) && t <= TimeSpan.MaxValue.TotalSeconds / 2))
                    throw UserInputException.ForSetting("evaluator.timeout", $"{t.ToString(CultureInfo.InvariantCulture)}: give a positive number of seconds.");
                return string.Join(' ', (e.Settings ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => $"{s.Key}={s.Value}").Prepend("command"));
            default:
                // The table and the reward it is searched by (valid200, or valid200~seed when each query draws a training).
                return table is null ? problem.Name : $"{problem.Name} reward={table.RewardName}";
        }
    }

    private static TrainingOptions Proxy(StudyRecipe recipe)
    {
        try
        {
            return (recipe.Evaluator.ResolvedTraining with { Seed = recipe.Seed }).Validate();
        }
        catch (UserInputException ex)
        {
            throw ex.Within("evaluator.training");
        }
    }

    private static IEvaluator CreateEvaluator(StudyRecipe recipe, EvaluatorKind kind, SearchProblem problem, NetworkSearchSpace? network, EvaluatorEnvironment environment)
    {
        var e = recipe.Evaluator;
        switch (kind)
        {
            case EvaluatorKind.Train:
            {
                var options = Proxy(recipe);
                var data = DataSplits.Create(DatasetCatalog.Load(e.Dataset), options.ValidationCount, recipe.Seed);
                return new TrainingEvaluator(network!.Build, new Trainer(data, environment.Log), options);
            }
            case EvaluatorKind.Command:
            {
                Func<Architecture, JsonNode?>? spec = network is null ? null : arch => JsonNode.Parse(NetworkJson.Serialize(network.Build(arch)));
                return new CommandEvaluator(new CommandEvaluatorOptions(ArgumentSplitter.Split(e.Command!), problem.Space, Path.GetFullPath(environment.LogDirectory))
                {
                    Timeout = e.Timeout is { } t ? TimeSpan.FromSeconds(t) : null,
                    Settings = e.Settings ?? new Dictionary<string, string>(),
                    Gpus = environment.Gpus,
                    Spec = spec,
                });
            }
            default:
                return problem.RequireEvaluator();
        }
    }
}
