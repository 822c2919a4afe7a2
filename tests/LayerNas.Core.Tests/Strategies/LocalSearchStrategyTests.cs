using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.Local;

namespace LayerNas.Core.Tests.Strategies;

public class LocalSearchStrategyTests
{
    private static int Differences(Architecture a, Architecture b) => Enumerable.Range(0, a.Length).Count(i => a[i] != b[i]);

    [Fact]
    public void Propose_GeneratedTablesAnyBatch_OnlyFeasibleNeverRepeatedAndReplayable()
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var (context, reward) = problem;
            var feasible = TestProblems.Feasible(context);
            var strategy = new LocalSearchStrategy(context);
            var proposed = new List<Architecture>();
            int batch = 1 + Math.Abs(context.Seed % 5);
            while (!strategy.IsFinished && proposed.Count < 5_000)
            {
                var arches = strategy.Propose(batch);
                if (arches.Count == 0) break;
                proposed.AddRange(arches);
                foreach (var a in arches) strategy.Tell(new Observation(a, reward(a)));
            }
            Assert.All(proposed, a => Assert.Contains(a, feasible));
            Assert.Equal(proposed.Count, proposed.Distinct().Count());
            Assert.Equal(feasible, proposed.ToHashSet()); // restarts go on until every feasible architecture was tried
            var again = TestProblems.Drive(new LocalSearchStrategy(context), reward, 60);
            Assert.Equal(again, TestProblems.Drive(new LocalSearchStrategy(context), reward, 60));
        }, iter: 150);
    }

    [Fact]
    public void Propose_AfterInitialSamples_EvaluatesTheBestSamplesNeighbourhood()
    {
        var space = TestProblems.Space([4, 4, 4, 4]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 4).Select(_ => new double[] { 1, 2, 3, 4 }).ToArray());
        var strategy = new LocalSearchStrategy(new StrategyContext(space, model, CostConstraint.None("cost"), 4));
        Func<Architecture, double> reward = a => TestProblems.Reward(a, 2);
        var samples = TestProblems.Drive(strategy, reward, strategy.Options.InitialSamples);
        var best = samples.OrderByDescending(reward).First();
        // Its 12 one-layer neighbours (4 layers x 3 other options), less those already sampled.
        int fresh = 12 - samples.Count(a => Differences(a, best) == 1);
        var next = TestProblems.Drive(strategy, reward, fresh);
        Assert.Equal(best, strategy.Centre);
        Assert.All(next, a => Assert.Equal(1, Differences(a, best)));
        Assert.Equal(fresh, next.Distinct().Count());
    }

    [Fact]
    public void Propose_StrictlyBetterNeighbour_MovesThereAndAtALocalOptimumRestarts()
    {
        // Reward = number of layers at option 3: every move towards 3 is better, so the search climbs to 3-3-3 and
        // then, with no better neighbour, draws a new round of random samples.
        var space = TestProblems.Space([4, 4, 4]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 3).Select(_ => new double[] { 1, 1, 1, 1 }).ToArray());
        var strategy = new LocalSearchStrategy(new StrategyContext(space, model, CostConstraint.None("cost"), 9), new LocalSearchOptions { InitialSamples = 2 });
        double Reward(Architecture a) => Enumerable.Range(0, a.Length).Count(i => a[i] == 3);
        var top = new Architecture([3, 3, 3]);
        var seen = new List<Architecture>();
        while (!seen.Contains(top) || strategy.Centre != top)
        {
            seen.AddRange(TestProblems.Drive(strategy, Reward, 1));
            Assert.True(seen.Count < 64, "never centred on the optimum");
        }
        // The optimum's remaining neighbours, then (none is better) a restart: a new round of samples, no centre.
        for (int steps = 1; strategy.Centre == top; steps++)
        {
            var a = Assert.Single(TestProblems.Drive(strategy, Reward, 1));
            if (strategy.Centre == top) Assert.Equal(1, Differences(a, top));
            Assert.True(steps <= 10, "no restart at the optimum");
        }
        Assert.Null(strategy.Centre);
    }

    [Fact]
    public void Propose_SpaceTooLargeToEnumerate_FeasibleAndNew()
    {
        var space = TestProblems.Space(Enumerable.Repeat(4, 20).ToArray());
        var model = new AdditiveCostModel(Enumerable.Range(0, 20).Select(l => new double[] { 0, 1, 2, 3 }).ToArray());
        var constraint = new CostConstraint("cost", double.NegativeInfinity, 25);
        var context = new StrategyContext(space, model, constraint, 3);
        Assert.Null(FeasibleSet.TryGet(context));
        var proposed = TestProblems.Drive(new LocalSearchStrategy(context), a => TestProblems.Reward(a, 5), 400);
        Assert.Equal(400, proposed.Count);
        Assert.All(proposed, a => Assert.True(constraint.IsSatisfiedBy(model.Cost(a))));
        Assert.Equal(proposed.Count, proposed.Distinct().Count());
    }

    [Fact]
    public void Tell_NotProposed_Throws()
    {
        var context = new StrategyContext(TestProblems.Space([2, 2]), new AdditiveCostModel([[1, 2], [1, 2]]), CostConstraint.None("cost"), 0);
        var strategy = new LocalSearchStrategy(context);
        Assert.Throws<InvalidOperationException>(() => strategy.Tell(new Observation(new Architecture([1, 1]), 1)));
    }

    [Fact]
    public void Constructor_NoInitialSamples_ThrowsUserInput()
    {
        var context = new StrategyContext(TestProblems.Space([2]), new AdditiveCostModel([[1, 2]]), CostConstraint.None("cost"), 0);
        Assert.Throws<UserInputException>(() => new LocalSearchStrategy(context, new LocalSearchOptions { InitialSamples = 0 }));
    }
}
