using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Reporting.Tests;

/// <summary>Real searches to report on: LayerNAS on the NB201 CIFAR-10 table, and a toy space with hostile labels.</summary>
internal static class TestStudies
{
    public const string HostileName = "<script>window.__pwned=1;document.title='pwned'</script>";
    public const string HostileOption = "<img src=x onerror=\"window.__pwned=2\">&amp;";

    /// <summary>
    /// A cell-like space (6 edges x 5 ops, as NAS-Bench-201) with an exact op-count cost and a deterministic
    /// reward that grows with conv ops (diminishing) plus a per-architecture wiggle; each trial reports
    /// test accuracy and simulated training seconds like a tabular benchmark.
    /// </summary>
    public static async Task<ReportModel> CellAsync(int? trialBudget = null, string name = "cell-demo", int buckets = 8)
    {
        var space = new SearchSpace("cell-demo", Enumerable.Range(0, 6)
            .Select(i => new Layer($"edge{i}", ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"])).ToArray());
        double[] opCost = [0, 0, 1.2, 10.5, 0.1];
        var cost = new EnumeratedCostModel("flops", "MFLOPs", space, space.Enumerate().Select(a => 1 + Enumerable.Range(0, 6).Sum(i => opCost[a[i]])).ToArray());
        var constraint = new CostConstraint("flops", double.NegativeInfinity, 40);
        var definition = new StudyDefinition(name, space.Name, "flops", constraint.Min, constraint.Max, "layernas", $"buckets={buckets}", "synthetic", 0, trialBudget);
        var strategy = new LayerNasStrategy(new StrategyContext(space, cost, constraint, 0), new LayerNasOptions { Buckets = buckets });
        var trials = await new StudyRunner(strategy, new CellEvaluator(cost), new InMemoryStudyStore(), definition, new RunnerOptions { TrialBudget = trialBudget })
            .RunAsync(CancellationToken.None);
        var backbone = new Architecture([3, 3, 3, 3, 3, 3]);
        return ReportModel.Build(definition, trials, space, cost, strategy, backbone);
    }

    private sealed class CellEvaluator(ICostModel cost) : IEvaluator
    {
        public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            double c = cost.Cost(arch);
            int hash = 0;
            for (int i = 0; i < arch.Length; i++) hash = hash * 31 + arch[i] + 1;
            double wiggle = (hash & 1023) / 1023.0 - 0.5;
            double reward = 70 + 20 * (1 - Math.Exp(-c / 15)) + 3 * wiggle - (arch[0] == 0 ? 5 : 0);
            var metrics = new Dictionary<string, double>
            {
                [MetricNames.TestAccuracy] = reward - 0.8 + 0.5 * wiggle,
                [MetricNames.TrainSeconds] = 300 + 25 * c,
            };
            return Task.FromResult(new Evaluation.Evaluation(reward, metrics));
        }
    }

    public static async Task<ReportModel> HostileAsync()
    {
        var space = new SearchSpace("<b>space</b>", Enumerable.Range(0, 4)
            .Select(i => new Layer(i == 1 ? "<i>layer</i>\"'" : $"layer{i}", ["small", HostileOption, "large"])).ToArray());
        var cost = new EnumeratedCostModel("<u>cost</u>", "<sup>u</sup>", space,
            space.Enumerate().Select(a => (double)(1 + a[0] + a[1] + a[2] + a[3])).ToArray());
        var constraint = new CostConstraint(cost.Name, 0, 7);
        var definition = new StudyDefinition(HostileName, space.Name, cost.Name, 0, 7, "layernas", "buckets=<3>", "cmd:<evil>", 1, null);
        var strategy = new LayerNasStrategy(new StrategyContext(space, cost, constraint, 1), new LayerNasOptions { Buckets = 3 });
        var trials = await new StudyRunner(strategy, new FailingSometimes(), new InMemoryStudyStore(), definition).RunAsync(CancellationToken.None);
        return ReportModel.Build(definition, trials, space, cost, strategy, notes: ["note with <script>alert(1)</script>"]);
    }

    // Scores by size; fails one architecture with a hostile message so the failures table has content.
    private sealed class FailingSometimes : IEvaluator
    {
        public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            if (arch[0] == 1 && arch[3] == 2) throw new EvaluationFailedException("<script>window.__pwned=3</script> exit code 1");
            double sum = 0;
            for (int i = 0; i < arch.Length; i++) sum += arch[i] * (i + 1);
            return Task.FromResult(new Evaluation.Evaluation(50 + sum, new Dictionary<string, double> { ["<metric>"] = sum }));
        }
    }
}
