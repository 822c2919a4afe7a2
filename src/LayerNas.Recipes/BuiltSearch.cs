using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Recipes;

/// <summary>
/// A study recipe made runnable (<see cref="StudyRecipe.Build"/>): the loaded problem, the constrained cost and
/// constraint, a fresh strategy, the study definition, and what the results need (the table for the oracle, the
/// network space for specs and export). The evaluator is made on demand (<see cref="CreateEvaluator"/>): a report
/// never trains. Run it with <see cref="StudyRunner"/> over a store, or with <see cref="SearchLoop"/> on a table.
/// </summary>
public sealed class BuiltSearch
{
    private readonly Func<EvaluatorEnvironment, IEvaluator> _evaluator;

    internal BuiltSearch(StudyRecipe recipe, SearchProblem problem, ICostModel cost, CostConstraint constraint, StrategyContext context,
        StrategyRegistration registration, StudyDefinition definition, TabularBenchmark? table, NetworkSearchSpace? network,
        EvaluatorKind evaluatorKind, Func<EvaluatorEnvironment, IEvaluator> evaluator)
    {
        Recipe = recipe;
        Problem = problem;
        Cost = cost;
        Constraint = constraint;
        Context = context;
        Registration = registration;
        Definition = definition;
        Table = table;
        Network = network;
        EvaluatorKind = evaluatorKind;
        _evaluator = evaluator;
        Strategy = NewStrategy();
    }

    /// <summary>The recipe this was built from.</summary>
    public StudyRecipe Recipe { get; }

    public SearchProblem Problem { get; }

    /// <summary>The constrained cost.</summary>
    public ICostModel Cost { get; }

    public CostConstraint Constraint { get; }

    /// <summary>What the strategy is built from (space, cost, constraint, seed, backbone).</summary>
    public StrategyContext Context { get; }

    /// <summary>The strategy's registry entry (name, capabilities).</summary>
    public StrategyRegistration Registration { get; }

    /// <summary>A fresh strategy made by the build; a run consumes it, so use <see cref="NewStrategy"/> for another run or a replay.</summary>
    public ISearchStrategy Strategy { get; }

    /// <summary>The study definition (identity, budget, window) with the recipe as its stored recipe.</summary>
    public StudyDefinition Definition { get; }

    /// <summary>The table of a benchmark or CSV problem (for the oracle); null for network spaces.</summary>
    public TabularBenchmark? Table { get; }

    /// <summary>The network space of a space problem (specs, export, decoding architectures); null for tables.</summary>
    public NetworkSearchSpace? Network { get; }

    /// <summary>
    /// True when the recipe gave no budget and the strategy does not finish on its own: the definition's budget is then
    /// what LayerNAS's plan would spend on the same problem (so a baseline never searches the whole space unasked).
    /// </summary>
    public bool BudgetIsDefault { get; init; }

    /// <summary>How candidates are scored (<see cref="EvaluatorKind.Auto"/> resolved).</summary>
    public EvaluatorKind EvaluatorKind { get; }

    /// <summary>This search with another definition of the same search (e.g. the stored one a resumed study keeps).</summary>
    public BuiltSearch WithDefinition(StudyDefinition definition) =>
        new(Recipe, Problem, Cost, Constraint, Context, Registration, definition, Table, Network, EvaluatorKind, _evaluator) { BudgetIsDefault = BudgetIsDefault };

    /// <summary>A new strategy in its initial state.</summary>
    public ISearchStrategy NewStrategy() => Registration.Create(Context, Recipe.Strategy.Settings);

    /// <summary>The evaluator the recipe names, set up for this process (log folder, GPUs, progress); may load data sets.</summary>
    public IEvaluator CreateEvaluator(EvaluatorEnvironment? environment = null) => _evaluator(environment ?? EvaluatorEnvironment.Default);

    /// <summary>
    /// Evaluations to expect: for a strategy with a plan (<see cref="IPlannedStrategy"/>) the mean of a few searches
    /// simulated with random rewards (an estimate, capped by the trial budget); for the others the trial budget,
    /// which they spend exactly (unless the space runs out first); null when neither is known.
    /// </summary>
    public (int Count, bool Exact)? PlannedEvaluations()
    {
        int? budget = Definition.TrialBudget;
        if (NewStrategy() is IPlannedStrategy planned)
        {
            int mean = (int)Math.Round(planned.Plan(simulations: 4).SimulatedMean);
            return (budget is { } b ? Math.Min(b, mean) : mean, false);
        }
        return budget is { } n ? (n, true) : null;
    }
}
