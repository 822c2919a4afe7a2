using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>
/// Everything a search runs on: the space, its named cost models, how candidates are scored (null when
/// this problem can only be costed, with <see cref="ScoringUnavailable"/> saying why) and, where the space
/// has one, the hand-designed backbone. Immutable.
/// </summary>
public sealed class SearchProblem
{
    private readonly Func<string, ICostModel> _costModel;

    /// <summary>A problem named <paramref name="name"/> over <paramref name="space"/>; <paramref name="costModel"/> returns the cost named by one of <paramref name="costNames"/>.</summary>
    public SearchProblem(string name, SearchSpace space, IReadOnlyList<string> costNames, Func<string, ICostModel> costModel,
        IEvaluator? evaluator, Architecture? backbone = null, string? scoringUnavailable = null)
    {
        if (costNames.Count == 0) throw new ArgumentException("A problem needs at least one cost.", nameof(costNames));
        Name = name;
        Space = space;
        CostNames = costNames;
        _costModel = costModel;
        Evaluator = evaluator;
        Backbone = backbone;
        ScoringUnavailable = scoringUnavailable;
    }

    /// <summary>The problem's name (a benchmark, a table file's name, a space's name).</summary>
    public string Name { get; }

    /// <summary>The space searched.</summary>
    public SearchSpace Space { get; }

    /// <summary>Cost names this problem offers; the first is the default.</summary>
    public IReadOnlyList<string> CostNames { get; }

    /// <summary>The problem's own scores (a table, a stand-in reward), or null; see <see cref="ScoringUnavailable"/>.</summary>
    public IEvaluator? Evaluator { get; }

    /// <summary>The hand-designed model of the space, where it has one.</summary>
    public Architecture? Backbone { get; }

    /// <summary>Why candidates cannot be scored (e.g. a benchmark whose accuracy files are not given); null when they can.</summary>
    public string? ScoringUnavailable { get; }

    /// <summary>The cost model named <paramref name="name"/> (null: the default cost).</summary>
    public ICostModel CostModel(string? name = null)
    {
        name ??= CostNames[0];
        if (!CostNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw UserInputException.ForSetting("cost", $"'{name}' is not a cost of '{Name}': use one of {string.Join(", ", CostNames)}.");
        return _costModel(name);
    }

    /// <summary>The evaluator, or a <see cref="UserInputException"/> saying why this problem cannot be scored.</summary>
    public IEvaluator RequireEvaluator() =>
        Evaluator ?? throw (ScoringUnavailable is { } why ? new UserInputException(why)
            : UserInputException.ForSetting("evaluator.kind", $"'{Name}' has no scores of its own: choose an evaluator (command or train)."));
}
