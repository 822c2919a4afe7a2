using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Networks;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Evaluation;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>
/// A search built from command-line options: the problem, the strategy, the evaluator and the study definition.
/// The definition's <see cref="StudyDefinition.Recipe"/> keeps the options that define the search, so that
/// `layernas worker` rebuilds the very same search from the stored study alone.
/// </summary>
public sealed record SearchSetup(ResolvedProblem Resolved, ISearchStrategy Strategy, IEvaluator Evaluator, StudyDefinition Definition, int Seed)
{
    /// <summary>Options that say how this process runs, not what the search is: left out of the recipe.</summary>
    private static readonly HashSet<string> NotInRecipe = new(StringComparer.Ordinal)
    {
        "--study", "--storage", "--parallel", "--max-attempts", "--lease", "--retry-delay", "--window", "--log-dir", "--gpus", "--budget", "--json", "--quiet", "--report", "--help",
    };

    public static SearchSetup Create(ParseResult parse, ProblemOptions problem, StrategyOptions strategy, StudyOptions study, string? name, int? budget,
        EvaluatorOverrides? overrides = null, TrainingEvaluatorOptions? training = null, TextWriter? progress = null)
    {
        var resolved = problem.Resolve(parse);
        int seed = parse.GetValue(strategy.Seed);
        var context = new StrategyContext(resolved.Problem.Space, resolved.Cost, resolved.Constraint, seed);
        var layerNasOptions = strategy.LayerNas(parse);
        if (layerNasOptions.Completion == Completion.Default && layerNasOptions.DefaultArchitecture is null)
            layerNasOptions = layerNasOptions with { DefaultArchitecture = resolved.Problem.Backbone };
        var search = StrategyFactory.Create(parse.GetValue(strategy.Strategy)!, context, layerNasOptions);
        var command = study.CommandEvaluator(parse, resolved.Problem.Space, overrides, NetworkSpec(parse, problem));
        var trained = command is null ? training?.Create(parse, parse.GetValue(study.Evaluator), parse.GetValue(problem.Space), seed, progress) : null;
        var evaluator = (IEvaluator?)command ?? trained ?? resolved.Problem.RequireEvaluator();
        var definition = new StudyDefinition(name ?? $"search-{Guid.NewGuid():N}", resolved.Problem.Name, resolved.Cost.Name,
            resolved.Constraint.Min, resolved.Constraint.Max, search.Name, JsonSerializer.Serialize(layerNasOptions),
            command is not null ? CommandIdentity(command) : trained is not null ? TrainingEvaluatorOptions.Kind : resolved.Problem.Name, seed, budget)
        {
            Window = parse.GetValue(study.Window),
            Recipe = JsonSerializer.Serialize(Recipe(parse)),
        };
        return new SearchSetup(resolved, search, evaluator, definition, seed);
    }

    // For a network space, each candidate's full network spec goes into the trial file (what a trainer builds).
    private static Func<Architecture, JsonNode?>? NetworkSpec(ParseResult parse, ProblemOptions problem)
    {
        if (parse.GetValue(problem.Space) is not { } name) return null;
        var space = NetworkSpaceCatalog.Resolve(name);
        return arch => JsonNode.Parse(NetworkJson.Serialize(space.Build(arch)));
    }

    // The trainer's settings are part of what a study is (5 epochs is not 50); its path is not (it differs between machines).
    private static string CommandIdentity(CommandEvaluator command) =>
        string.Join(' ', command.Options.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}").Prepend("command"));

    /// <summary>The explicitly given options of <paramref name="parse"/> that define the search, as arguments (files as full paths).</summary>
    private static List<string> Recipe(ParseResult parse)
    {
        var args = new List<string>();
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (NotInRecipe.Contains(option.Name) || parse.GetResult(option) is not { Implicit: false } result) continue;
            args.Add(option.Name);
            var value = result.GetValueOrDefault<object?>();
            if (value is FileSystemInfo file) args.Add(file.FullName);
            else args.AddRange(result.Tokens.Select(t => t.Value));
        }
        return args;
    }
}
