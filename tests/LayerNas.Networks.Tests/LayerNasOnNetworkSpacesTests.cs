using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using Xunit.Abstractions;

namespace LayerNas.Networks.Tests;

public class LayerNasOnNetworkSpacesTests(ITestOutputHelper output)
{
    [Fact]
    public void LayerNas_MobileNetV3LargeUnderBackboneMAdds_FinishesWithAFeasibleBestModel()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");

        var result = SearchCostBenchmark.Run(space);

        // Speed is reported, not asserted (tests never assert on time).
        output.WriteLine($"{result}");
        Assert.True(result.Evaluations > 100);
        Assert.True(result.BestCost <= result.MaxCost);
        Assert.InRange(result.BestReward, 0, 100);
        Assert.True(result.CompletionCalls > result.Evaluations);
    }

    [Fact]
    public void LayerNas_EveryProposal_IsFeasibleAndNew()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v2-32");
        var model = space.CostModel("madds");
        double budget = model.Cost(space.Backbone);
        var strategy = new LayerNasStrategy(new StrategyContext(space.Space, model, new CostConstraint("madds", double.NegativeInfinity, budget), 3));
        var evaluator = new NetworkStandInEvaluator(space);
        var seen = new HashSet<Architecture>();

        while (!strategy.IsFinished)
            foreach (var arch in strategy.Propose(16))
            {
                Assert.True(seen.Add(arch));
                Assert.True(model.Cost(arch) <= budget);
                strategy.Tell(new Observation(arch, evaluator.Score(arch)));
            }

        Assert.NotNull(strategy.Best);
        Assert.NotEmpty(strategy.Front);
    }

    [Fact]
    public async Task EvaluateAsync_SameArchitecture_SameRewardAndCostMetrics()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-small");
        var evaluator = new NetworkStandInEvaluator(space);
        var context = new LayerNas.Evaluation.TrialContext("s", 1);

        var a = await evaluator.EvaluateAsync(space.Backbone, context, CancellationToken.None);
        var b = await evaluator.EvaluateAsync(space.Backbone, context with { TrialNumber = 2 }, CancellationToken.None);

        Assert.Equal(a.Reward, b.Reward);
        Assert.InRange(a.Reward, 0, 100);
        Assert.Equal(space.CostModel("madds").Cost(space.Backbone), a.Metric(NetworkStandInEvaluator.MaddsMetric));
    }

    [Fact]
    public void Score_BiggerNetwork_ScoresHigher()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");
        var evaluator = new NetworkStandInEvaluator(space);
        var dearest = new Architecture(space.Space.Layers.Select(l => l.Options.ToList().FindLastIndex(o => o != "drop")));
        var cheapest = new Architecture(space.Space.Layers.Select(_ => 0));

        Assert.True(evaluator.Score(dearest) > evaluator.Score(space.Backbone));
        Assert.True(evaluator.Score(space.Backbone) > evaluator.Score(cheapest));
    }
}
