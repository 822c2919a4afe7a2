using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Storage.Tests;

/// <summary>
/// A real LayerNAS search on a small synthetic table (6 layers x 5 options, a deterministic reward per
/// architecture, an additive cost with a budget at half the largest), for store tests.
/// </summary>
internal static class TestSearch
{
    public static readonly SearchSpace Space = new("synthetic", Enumerable.Range(0, 6)
        .Select(i => new Layer($"layer{i}", ["a", "b", "c", "d", "e"])).ToArray());

    private static readonly Lazy<EnumeratedCostModel> CostModel = new(() =>
    {
        var indexer = new ArchitectureIndexer(Space);
        var costs = new double[indexer.Count];
        for (long i = 0; i < indexer.Count; i++)
        {
            var a = indexer.At(i);
            for (int l = 0; l < a.Length; l++) costs[i] += (a[l] + 1) * (l % 3 + 1);
        }
        return new EnumeratedCostModel("flops", "MFLOPs", Space, costs);
    });

    public static double Reward(Architecture a)
    {
        double r = 50;
        for (int l = 0; l < a.Length; l++) r += (a[l] * (l + 3) * 7 % 11) * 0.9 + a[l] * 0.5;
        return r;
    }

    public static StrategyContext Context(int seed = 0)
    {
        var cost = CostModel.Value;
        var range = cost.Completions(PartialArchitecture.Empty(Space.LayerCount));
        return new StrategyContext(Space, cost, new CostConstraint("flops", double.NegativeInfinity, range.Max * 0.5), seed);
    }

    public static ISearchStrategy Strategy(int seed = 0) => new LayerNasStrategy(Context(seed), LayerNasOptions.Default);

    public static StudyDefinition Definition(string name, int? budget = null, int window = StudyDefinition.DefaultWindow) =>
        new(name, "synthetic", "flops", double.NegativeInfinity, Context().Constraint.Max, "layernas", "default", "table", 0, budget) { Window = window };

    public static IEvaluator Evaluator { get; } = new TableEvaluator();

    public static string UniqueName(string prefix = "study") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The comparable outcome of a study: each trial's number, architecture, state, reward and told-before count.</summary>
    public static string[] Outcome(IEnumerable<Trial> trials) =>
        trials.OrderBy(t => t.Number).Select(t => $"{t.Number}:{t.Architecture}:{t.State}:{t.Reward:R}:{t.ToldBefore}").ToArray();

    private sealed class TableEvaluator : IEvaluator
    {
        public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Evaluation.Evaluation(Reward(arch), new Dictionary<string, double> { [MetricNames.TestAccuracy] = Reward(arch) - 1 }));
    }
}
