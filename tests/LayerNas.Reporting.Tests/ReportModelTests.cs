using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Reporting.Tests;

public class ReportModelTests
{
    [Fact]
    public async Task Build_FinishedLayerNasStudy_FrontIsBestPerBucketOfFinalTable()
    {
        var model = await TestStudies.CellAsync();

        Assert.Equal(6, model.Heatmap.Count);
        Assert.NotEmpty(model.BestPerBucket);
        Assert.All(model.BestPerBucket, f => Assert.NotNull(f.Bucket));
        Assert.Equal(model.BestPerBucket.OrderBy(f => f.Cost).Select(f => f.Architecture), model.BestPerBucket.Select(f => f.Architecture));
        Assert.Equal(model.Heatmap[^1].Filled, model.BestPerBucket.Count);
        Assert.Equal(model.Heatmap[^1].BestRewardPerBucket.Where(r => !double.IsNaN(r)).Order(), model.BestPerBucket.Select(f => f.Reward).Order());
        // The Pareto front: cheapest first, each model better than every cheaper one, and nothing evaluated dominates it.
        Assert.NotEmpty(model.Front);
        for (int i = 1; i < model.Front.Count; i++) Assert.True(model.Front[i].Reward > model.Front[i - 1].Reward && model.Front[i].Cost >= model.Front[i - 1].Cost);
        Assert.All(model.Front, f => Assert.DoesNotContain(model.Points, p => p.Cost <= f.Cost && p.Reward > f.Reward));
        Assert.NotNull(model.Chosen);
        Assert.Equal(model.Points.Max(p => p.Reward), model.Chosen!.Reward);
        Assert.True(model.Chosen.Cost <= model.Definition.MaxCost);
        Assert.Contains("final memorial table", model.BucketSource);
    }

    [Fact]
    public async Task Build_StudyStoppedByBudget_FrontFromLatestTableMarkedUnfinished()
    {
        var model = await TestStudies.CellAsync(trialBudget: 120); // past the greedy prelude (at most 49 trials here), before the end

        Assert.Equal(120, model.Points.Count);
        Assert.InRange(model.Heatmap.Count, 1, 5);
        Assert.Contains("has not finished", model.BucketSource);
        Assert.Equal(model.Heatmap[^1].Filled, model.BestPerBucket.Count);
    }

    [Fact]
    public async Task Build_BackboneOutsideBudget_CostKnownRewardOnlyIfEvaluated()
    {
        var model = await TestStudies.CellAsync();

        Assert.NotNull(model.BackboneCost);
        Assert.True(model.BackboneCost > model.Definition.MaxCost);
        Assert.Null(model.BackboneReward);
    }

    [Fact]
    public void Build_NoTables_FrontIsParetoFrontOfTrials()
    {
        var space = new SearchSpace("s", [new Layer("a", ["0", "1", "2", "3", "4", "5", "6", "7"]), new Layer("b", ["0", "1", "2", "3", "4", "5", "6", "7"])]);
        var cost = new EnumeratedCostModel("c", "u", space, space.Enumerate().Select(a => (double)(a[0] * 8 + a[1]) % 13).ToArray());
        var definition = new StudyDefinition("p", "s", "c", double.NegativeInfinity, double.PositiveInfinity, "random", "", "t", 0, null);
        var gen = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 7], Gen.Double[0, 1]).Array[1, 40];

        gen.Sample(rows =>
        {
            var trials = rows.Select((r, i) => new Trial(i, new Architecture([r.Item1, r.Item2]), TrialState.Complete, r.Item3,
                new Dictionary<string, double>(), 1, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)).ToArray();
            var model = ReportModel.Build(definition, trials, space, cost);
            var front = model.Front;
            for (int i = 1; i < front.Count; i++)
                Assert.True(front[i].Cost > front[i - 1].Cost && front[i].Reward > front[i - 1].Reward);
            // No trial beats the front: each point is matched or dominated by a front model no dearer than it.
            foreach (var p in model.Points)
                Assert.Contains(front, f => f.Cost <= p.Cost && f.Reward >= p.Reward);
            Assert.Equal(model.Points.Max(p => p.Reward), front[^1].Reward);
        });
    }
}
