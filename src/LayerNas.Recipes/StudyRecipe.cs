using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Settings;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Recipes;

/// <summary>
/// What a study is, in one immutable, serializable record: the problem, the constrained cost and its bounds, the
/// strategy with its settings, the evaluator, the trial budget, the seed and the window. <see cref="Build"/> turns it
/// into the runnable search; a study stores it as JSON (<see cref="ToJson"/>), so that `layernas worker` and
/// `layernas report` rebuild the same search from the store alone. `layernas search` flags, a `--config` file
/// (YAML or JSON, <see cref="Load"/>) and a library user all make one of these. Equal recipes build the same search.
/// </summary>
public sealed record StudyRecipe
{
    /// <summary>What is searched.</summary>
    public ProblemRecipe Problem { get; init; } = new();

    /// <summary>The constrained cost (e.g. <c>flops</c>, <c>madds</c>, a CSV column); null: the problem's first cost.</summary>
    public string? Cost { get; init; }

    /// <summary>Upper bound: absolute (<c>120</c>), a fraction of the largest architecture's cost (<c>0.5x</c>), or <c>none</c> (also null).</summary>
    public string? MaxCost { get; init; } = "0.5x";

    /// <summary>Lower bound, absolute or a fraction (e.g. <c>0.2x</c>); null: none.</summary>
    public string? MinCost { get; init; }

    public StrategyRecipe Strategy { get; init; } = new();

    public EvaluatorRecipe Evaluator { get; init; } = new();

    /// <summary>Stop after this many trials; null: when the strategy finishes.</summary>
    public int? Budget { get; init; }

    /// <summary>Seed of the strategy (and of the training data split and weights); the same seed gives the same search.</summary>
    public int Seed { get; init; }

    /// <summary>Most trials proposed but not yet told to the strategy; with the seed, fixes the trials whatever the number of workers.</summary>
    public int Window { get; init; } = StudyDefinition.DefaultWindow;

    /// <summary>
    /// Builds the runnable search: loads the problem, resolves the cost bounds, creates and validates the strategy
    /// and the study definition (named <paramref name="studyName"/>, or a fresh name). Nothing is evaluated; the
    /// evaluator is made on demand by <see cref="BuiltSearch.CreateEvaluator"/>. Throws a <see cref="UserInputException"/>
    /// naming the recipe setting (<see cref="UserInputException.Setting"/>) for anything that cannot be built.
    /// </summary>
    public BuiltSearch Build(string? studyName = null, TextWriter? log = null, CancellationToken cancellationToken = default) =>
        RecipeBuilder.Build(this, studyName, log, cancellationToken);

    /// <summary>The recipe as indented JSON (snake_case; every setting written, strategy settings in full).</summary>
    public string ToJson() => ToNode().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The recipe as a JSON tree (see <see cref="ToJson"/>).</summary>
    public JsonNode ToNode()
    {
        var node = JsonSerializer.SerializeToNode(this, SettingsJson.Options)!.AsObject();
        node["max_cost"] = MaxCost ?? "none";
        // Only what applies: the problem's and evaluator's unset parts are left out (strategy settings stay whole).
        var problem = node["problem"]!.AsObject();
        foreach (var key in problem.Where(p => p.Value is null).Select(p => p.Key).ToArray()) problem.Remove(key);
        if (Problem.Kind != ProblemKind.Table) problem.Remove("arch_column");
        var evaluator = node["evaluator"]!.AsObject();
        foreach (var key in evaluator.Where(p => p.Value is null).Select(p => p.Key).ToArray()) evaluator.Remove(key);
        if (Evaluator.Kind != EvaluatorKind.Train) evaluator.Remove("dataset");
        return node;
    }

    /// <summary>The recipe as YAML (what `layernas search --print-config` writes).</summary>
    public string ToYaml() => RecipeYaml.Write(ToNode());

    /// <summary>Reads a recipe file (YAML for .yaml/.yml, JSON for .json); errors are located, e.g. <c>study.yaml: strategy.settings.bukets: ...</c>.</summary>
    public static StudyRecipe Load(string path) => Parse(SettingsDocument.ReadFile(path, "recipe file"), path);

    /// <summary>Reads a recipe from YAML or JSON text; <paramref name="source"/> names it in errors and picks the format.</summary>
    public static StudyRecipe Parse(string text, string source = "recipe.json") => FromNode(SettingsDocument.Parse(text, source), source);

    /// <summary>Reads a recipe from a JSON tree; settings not given keep their defaults.</summary>
    public static StudyRecipe FromNode(JsonNode? node, string source = "recipe")
    {
        try
        {
            if (node is null) return new StudyRecipe();
            if (node is not JsonObject o) throw new UserInputException("must be a mapping of recipe settings (problem, cost, max_cost, strategy, ...)");
            CheckKeys(o, typeof(StudyRecipe), "");
            if (o["problem"] is JsonObject problem) CheckKeys(problem, typeof(ProblemRecipe), "problem.");
            if (o["evaluator"] is JsonObject evaluator) CheckKeys(evaluator, typeof(EvaluatorRecipe), "evaluator.");
            var recipe = (StudyRecipe)SettingsJson.Read(o, typeof(StudyRecipe), "");
            // A missing max_cost keeps the default; an explicit null or "none" means no upper bound.
            if (o.ContainsKey("max_cost") && o["max_cost"] is null) recipe = recipe with { MaxCost = null };
            if (string.Equals(recipe.MaxCost?.Trim(), "none", StringComparison.OrdinalIgnoreCase)) recipe = recipe with { MaxCost = null };
            return recipe;
        }
        catch (UserInputException ex)
        {
            throw new UserInputException($"{source}: {ex.Message}", ex);
        }
    }

    private static void CheckKeys(JsonObject o, Type type, string prefix)
    {
        var names = SettingsJson.Names(type);
        foreach (var (key, _) in o)
            if (!names.Contains(key, StringComparer.Ordinal))
                throw UserInputException.ForSetting(prefix + key, $"is not a recipe setting: use one of {string.Join(", ", names)}.");
    }

    /// <summary>The text of a number for a cost bound (round-trips exactly).</summary>
    public static string Bound(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
