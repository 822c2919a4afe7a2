using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Core.Tests.Strategies;

public class LayerNasStrategyTests
{
    private static StrategyContext Context(GeneratedTable table, CostConstraint constraint, int seed = 0) =>
        new(table.Space, table.Cost, constraint, seed);

    private static CostConstraint RandomBudget(GeneratedTable table, Random random)
    {
        double lo = table.Costs.Min(), hi = table.Costs.Max();
        return new CostConstraint("cost", double.NegativeInfinity, Math.Round(lo + (hi - lo) * random.NextDouble()));
    }

    [Fact]
    public void Options_NewRecordWithoutSettings_IsTheDefaultMode()
    {
        // A library user who writes `new LayerNasOptions { Buckets = 4 }` gets the default mode with 4 buckets.
        Assert.Equal(LayerNasOptions.Default, new LayerNasOptions());
        Assert.NotEqual(LayerNasOptions.Paper, new LayerNasOptions());
    }

    [Fact]
    public void Search_AdditiveRewardAndSeparatingBuckets_FindsExactOptimum()
    {
        // With additive rewards and one bucket per cost value, LayerNAS is a dynamic program over the prefix
        // cost, so it must return the exact constrained optimum.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[2, 4]).Sample((seed, layers, options) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: true, maxOptionCost: 3);
            var constraint = RandomBudget(table, new Random(seed));
            int distinctCosts = (int)(table.Costs.Max() - table.Costs.Min()) + 2;
            var strategy = new LayerNasStrategy(Context(table, constraint), new LayerNasOptions
            {
                Buckets = distinctCosts, KeepPerBucket = 1, Edges = BucketEdges.Uniform, BucketBy = BucketCost.Cheapest,
                Completion = Completion.Dearest, ShareEvaluations = false,
            });
            var evaluated = table.Run(strategy);
            Assert.True(strategy.IsFinished);
            Assert.Equal(table.BestFeasibleReward(constraint), evaluated.Max(table.Reward), 9);
            Assert.Equal(table.BestFeasibleReward(constraint), strategy.Best!.Reward, 9);
        }, iter: 150);
    }

    [Fact]
    public void Search_DefaultModeAdditiveRewardAndSeparatingBuckets_FindsExactOptimum()
    {
        // The default mode (starts, prelude, model-guided proposals, model-broken completion ties) keeps the dynamic
        // program: with one bucket per cost value it must still return the exact constrained optimum.
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[2, 4]).Sample((seed, layers, options) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: true, maxOptionCost: 3);
            var constraint = RandomBudget(table, new Random(seed));
            int distinctCosts = (int)(table.Costs.Max() - table.Costs.Min()) + 2;
            var strategy = new LayerNasStrategy(Context(table, constraint, seed),
                LayerNasOptions.Default with { Buckets = distinctCosts, KeepPerBucket = 1, Edges = BucketEdges.Uniform });
            var evaluated = table.Run(strategy, batch: 1 + seed % 3);
            Assert.True(strategy.IsFinished);
            Assert.Equal(table.BestFeasibleReward(constraint), strategy.Best!.Reward, 9);
            Assert.Equal(evaluated.Count, evaluated.Distinct().Count());
        }, iter: 150);
    }

    [Fact]
    public void Search_AnyOptions_NeverProposesInfeasibleOrDuplicate()
    {
        var optionGen = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3], Gen.Enum<BucketEdges>(), Gen.Enum<BucketCost>(), Gen.Enum<Completion>(), Gen.Bool,
            Gen.Int[0, 3], Gen.Enum<PreludeStart>(),
            (h, k, edges, by, completion, share, passes, start) => (h, k, edges, by, completion, share, passes, start));
        var modeGen = Gen.Select(Gen.Int[0, 6], Gen.Enum<CompletionTies>(), Gen.Bool);
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 5], Gen.Int[1, 4], optionGen, modeGen).Sample((seed, layers, options, o, m) =>
        {
            var table = new GeneratedTable(seed, layers, options, additiveReward: false);
            var random = new Random(seed);
            var constraint = RandomBudget(table, random);
            var settings = new LayerNasOptions
            {
                Buckets = o.h, KeepPerBucket = o.k, Edges = o.edges, BucketBy = o.by, Completion = o.completion, ShareEvaluations = o.share,
                GreedyPrelude = o.passes > 0, PreludePasses = o.passes > 0 ? o.passes : null, PreludeStart = o.start,
                DefaultArchitecture = table.Space.Sample(random), GuidedProposals = m.Item1, CompletionTies = m.Item2, TiedStarts = m.Item3,
            };
            var strategy = new LayerNasStrategy(Context(table, constraint), settings);
            var evaluated = table.Run(strategy, batch: 1 + seed % 4);
            Assert.True(strategy.IsFinished);
            Assert.Equal(evaluated.Count, evaluated.Distinct().Count());
            Assert.All(evaluated, a => Assert.True(constraint.IsSatisfiedBy(table.Cost.Cost(a)), $"{a} violates {constraint}"));
            Assert.NotEmpty(evaluated);
        }, iter: 300);
    }

    [Fact]
    public void Search_SameSeed_SameSequence()
    {
        var table = new GeneratedTable(7, 5, 4, additiveReward: false);
        var constraint = RandomBudget(table, new Random(7));
        var a = table.Run(new LayerNasStrategy(Context(table, constraint, seed: 3)));
        var b = table.Run(new LayerNasStrategy(Context(table, constraint, seed: 3)));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Propose_BatchOfK_SameAsKSingleProposals()
    {
        var table = new GeneratedTable(11, 4, 3, additiveReward: false);
        var constraint = CostConstraint.None("cost");
        var batched = new LayerNasStrategy(Context(table, constraint));
        var single = new LayerNasStrategy(Context(table, constraint));
        var fromBatch = batched.Propose(5);
        var fromSingles = Enumerable.Range(0, 5).SelectMany(_ => single.Propose(1)).ToList();
        Assert.Equal(fromSingles, fromBatch);
    }

    [Fact]
    public void Search_MemorialTables_HoldAtMostKPerBucketAndPolynomialTrials()
    {
        var table = new GeneratedTable(5, 6, 5, additiveReward: false, maxOptionCost: 20);
        var options = new LayerNasOptions { Buckets = 4, KeepPerBucket = 2, ShareEvaluations = false };
        var strategy = new LayerNasStrategy(Context(table, CostConstraint.None("cost")), options);
        var evaluated = table.Run(strategy);
        Assert.Equal(6, strategy.Tables.Count);
        foreach (var memorial in strategy.Tables)
            for (int b = 0; b < memorial.BucketCount; b++)
            {
                Assert.True(memorial[b].Count <= 2);
                Assert.Equal(memorial[b].OrderByDescending(c => c.Reward).Select(c => c.Reward), memorial[b].Select(c => c.Reward));
            }
        // Polynomial: first layer's options plus, per later layer, at most H*K parents times its options.
        Assert.True(evaluated.Count <= 5 + 5 * 4 * 2 * 5, $"{evaluated.Count} evaluations");
        Assert.NotEmpty(strategy.Front);
    }

    [Fact]
    public void Tell_UnknownArchitecture_Throws()
    {
        var table = new GeneratedTable(1, 3, 3);
        var strategy = new LayerNasStrategy(Context(table, CostConstraint.None("cost")));
        Assert.Throws<InvalidOperationException>(() => strategy.Tell(new Observation(new Architecture([0, 0, 0]), 1)));
    }

    [Fact]
    public void Search_FailedEvaluations_TreatedAsInfeasibleAndSearchEnds()
    {
        var table = new GeneratedTable(3, 4, 3);
        var strategy = new LayerNasStrategy(Context(table, CostConstraint.None("cost")));
        int told = 0;
        while (!strategy.IsFinished)
        {
            var proposals = strategy.Propose(1);
            if (proposals.Count == 0) break;
            var arch = proposals[0];
            bool fail = arch[0] == 0;
            strategy.Tell(fail ? Observation.Failure(arch) : new Observation(arch, table.Reward(arch)));
            told++;
        }
        Assert.True(strategy.IsFinished);
        Assert.NotEqual(0, strategy.Best!.Evaluated[0]);
        Assert.True(told > 0);
    }

    // Four layers with options costing 0, 1 and 2 units; the reward grows with the cost of layer 0.
    private static StrategyContext Ladder(double maxCost)
    {
        var space = new SearchSpace("ladder", Enumerable.Range(0, 4).Select(i => new Layer($"l{i}", ["a", "b", "c"])).ToArray());
        var cost = new AdditiveCostModel(Enumerable.Range(0, 4).Select(_ => new double[] { 0, 1, 2 }).ToArray());
        return new StrategyContext(space, cost, new CostConstraint("cost", double.NegativeInfinity, maxCost), 0);
    }

    [Theory]
    [InlineData(PreludeStart.Balanced, "1-1-1-1")]
    [InlineData(PreludeStart.Dearest, "2-2-0-0")]
    public void Prelude_Start_SpreadsOrFrontLoadsTheBudget(PreludeStart start, string expected)
    {
        var strategy = new LayerNasStrategy(Ladder(4), LayerNasOptions.Default with { PreludeStart = start });
        Assert.Equal(expected, Assert.Single(strategy.Propose(1)).ToString());
    }

    [Fact]
    public void Prelude_PassCentresOnTheBestModelNotYetExplored()
    {
        // Reward = 10 x option of layer 0 + option of layer 1 - 3 x option of layer 2 (+0.5 for option 1 of layer 3); no budget.
        var context = Ladder(double.PositiveInfinity);
        double Reward(Architecture a) => 10 * a[0] + a[1] - 3 * a[2] + (a[3] == 1 ? 0.5 : 0);
        var strategy = new LayerNasStrategy(context, LayerNasOptions.Default with { PreludePasses = 2 });
        var start = Assert.Single(strategy.Propose(1));
        Assert.Equal("2-2-2-2", start.ToString());
        strategy.Tell(new Observation(start, Reward(start)));
        // Pass 1: every other option of every layer on the start, all at once.
        var first = strategy.Propose(100);
        Assert.Equal(8, first.Count);
        Assert.All(first, a => Assert.Equal(1, Enumerable.Range(0, 4).Count(l => a[l] != start[l])));
        foreach (var a in first) strategy.Tell(new Observation(a, Reward(a)));
        // Pass 2 centres on the best model so far (2-2-0-2, reward 22); moves already evaluated are not repeated.
        var second = strategy.Propose(100);
        var centre = Architecture.Parse("2-2-0-2");
        Assert.All(second, a => Assert.Equal(1, Enumerable.Range(0, 4).Count(l => a[l] != centre[l])));
        Assert.Equal(6, second.Count);
    }

    [Fact]
    public void Prelude_CheapestOptionsTie_OneStartPerTiedOption()
    {
        // Options 0, 1 and 2 cost nothing (like NB201's none, skip and pooling); option 3 costs 1. Budget 2: each start
        // takes one tied option everywhere, then the first two layers are raised to option 3.
        var space = new SearchSpace("tied", Enumerable.Range(0, 3).Select(i => new Layer($"l{i}", ["a", "b", "c", "d"])).ToArray());
        var cost = new AdditiveCostModel(Enumerable.Range(0, 3).Select(_ => new double[] { 0, 0, 0, 1 }).ToArray());
        var context = new StrategyContext(space, cost, new CostConstraint("cost", double.NegativeInfinity, 2), 0);
        var starts = new LayerNasStrategy(context).Propose(3);
        Assert.Equal(["3-3-0", "3-3-1", "3-3-2"], starts.Select(a => a.ToString()));
        var single = new LayerNasStrategy(context, LayerNasOptions.Default with { TiedStarts = false }).Propose(3);
        Assert.Equal("3-3-0", Assert.Single(single).ToString()); // the first pass waits for the start's result
    }

    [Fact]
    public void Prelude_ChangeThatBreaksTheBudget_TriedRepairedWhereLoweringLostLeast()
    {
        // Budget 4 on the ladder: the balanced start 1-1-1-1 costs 4, so no layer can be raised to option 2 alone. Pass 1
        // measures every lowering (each layer to 0); then each raise is tried with the layer whose lowering lost least
        // (layer 2: 15 of 16) lowered, or, for layer 2 itself, the next least (layer 1).
        var context = Ladder(4);
        double Reward(Architecture a) => 10 * a[0] + 2 * a[1] + a[2] + 3 * a[3];
        var strategy = new LayerNasStrategy(context, LayerNasOptions.Default with { PreludePasses = 2 });
        var start = Assert.Single(strategy.Propose(1));
        Assert.Equal("1-1-1-1", start.ToString());
        strategy.Tell(new Observation(start, Reward(start)));
        var pass = strategy.Propose(100);
        Assert.Equal(["0-1-1-1", "1-0-1-1", "1-1-0-1", "1-1-1-0"], pass.Select(a => a.ToString()).Order());
        foreach (var a in pass) strategy.Tell(new Observation(a, Reward(a)));
        var repaired = strategy.Propose(100);
        Assert.Equal(["2-1-0-1", "1-2-0-1", "1-0-2-1", "1-1-0-2"], repaired.Select(a => a.ToString()));
        Assert.All(repaired, a => Assert.True(context.IsFeasible(a)));
        foreach (var a in repaired) strategy.Tell(new Observation(a, Reward(a)));
        // Pass 2 centres on the best repaired model (2-1-0-1, reward 25).
        var centre = Architecture.Parse("2-1-0-1");
        var second = strategy.Propose(100);
        Assert.NotEmpty(second);
        Assert.All(second, a => Assert.True(Enumerable.Range(0, 4).Count(l => a[l] != centre[l]) == 1 && context.IsFeasible(a)));
        Assert.Contains(Architecture.Parse("2-1-0-0"), second);

        // Without repairs the pass is followed by the next centre's pass (1-1-0-1, reward 15).
        var plain = new LayerNasStrategy(context, LayerNasOptions.Default with { PreludePasses = 2, PreludeRepairs = false });
        TestDrive(plain, Reward, 5);
        var next = plain.Propose(100);
        Assert.NotEmpty(next);
        Assert.All(next, a => Assert.Equal(1, Enumerable.Range(0, 4).Count(l => a[l] != Architecture.Parse("1-1-0-1")[l])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Guided_BetweenLayerwiseSteps_OneAtATimeBeforeEachNextLayer(int perStep)
    {
        // After each memorial table but the last, GuidedPerStep proposals come one at a time (each waits for the previous
        // result), then the next layer's children come as one batch.
        var table = new GeneratedTable(11, 4, 3, additiveReward: false, maxOptionCost: 5);
        var strategy = new LayerNasStrategy(Context(table, CostConstraint.None("cost")), LayerNasOptions.Default with { GuidedPerStep = perStep });
        var calls = new List<(int Tables, int Count)>();
        while (!strategy.IsFinished)
        {
            var batch = strategy.Propose(100);
            if (batch.Count == 0) break;
            calls.Add((strategy.Tables.Count, batch.Count)); // the tables built when these were proposed
            foreach (var a in batch) strategy.Tell(new Observation(a, table.Reward(a)));
        }
        Assert.True(strategy.IsFinished);
        for (int t = 1; t < 4; t++)
        {
            var at = calls.Where(c => c.Tables == t).Select(c => c.Count).ToList();
            Assert.True(at.Count > perStep && at.Take(perStep).All(n => n == 1) && at[perStep] > 1, $"after table {t}: {string.Join(',', at)}");
        }
    }

    [Fact]
    public void Guided_BetweenLayerwiseSteps_DefaultSpreadsOneGuidedPhaseOverTheGaps()
    {
        var nb201Like = new SearchSpace("six-by-five", Enumerable.Range(0, 6).Select(i => new Layer($"e{i}", ["a", "b", "c", "d", "e"])).ToArray());
        Assert.Equal(16, LayerNasOptions.Default.GuidedFor(nb201Like));
        Assert.Equal(3, LayerNasOptions.Default.GuidedPerStepFor(nb201Like)); // 16 over 5 gaps
        Assert.Equal(0, LayerNasOptions.Paper.GuidedPerStepFor(nb201Like));
        Assert.Equal(0, (LayerNasOptions.Default with { GuidedProposals = 0 }).GuidedPerStepFor(nb201Like));
    }

    [Fact]
    public void Guided_AfterThePrelude_ProposesTheBestPredictedUnseenArchitecture()
    {
        // An additive reward whose optimum (2-2-0-1) is two moves from the start (2-2-2-2): one prelude pass measures
        // every option of every layer once, and the first model-guided proposal combines the two best moves.
        var context = Ladder(double.PositiveInfinity);
        double Reward(Architecture a) => 10 * a[0] + 5 * a[1] - 6 * a[2] + (a[3] == 1 ? 4 : 0);
        var strategy = new LayerNasStrategy(context, LayerNasOptions.Default with { PreludePasses = 1 });
        var prelude = TestDrive(strategy, Reward, 9);
        Assert.DoesNotContain(Architecture.Parse("2-2-0-1"), prelude);
        // One at a time (the next guess needs this one's result), whatever the batch asked for.
        Assert.Equal("2-2-0-1", Assert.Single(strategy.Propose(5)).ToString());
        Assert.Empty(strategy.Propose(5));
    }

    [Fact]
    public void Guided_None_GoesStraightFromThePreludeToTheLayerwiseSearch()
    {
        // Without guided proposals the next model after the prelude is a layerwise stand-in: its free layers take
        // their dearest option (2), never the two-move optimum 2-2-0-1.
        var context = Ladder(double.PositiveInfinity);
        double Reward(Architecture a) => 10 * a[0] + a[1] - 3 * a[2] + (a[3] == 1 ? 0.5 : 0);
        var strategy = new LayerNasStrategy(context, LayerNasOptions.Default with { PreludePasses = 1, GuidedProposals = 0 });
        TestDrive(strategy, Reward, 9);
        var next = Assert.Single(strategy.Propose(1));
        Assert.NotEqual("2-2-0-1", next.ToString());
        Assert.Equal(2, next[3]);
    }

    [Fact]
    public void Guided_SpaceTooLargeToEnumerate_OffByDefaultAndGreedyWhenAsked()
    {
        // 3^14 = 4.8M architectures: more than FeasibleSet enumerates.
        var space = new SearchSpace("wide", Enumerable.Range(0, 14).Select(i => new Layer($"l{i}", ["a", "b", "c"])).ToArray());
        var cost = new AdditiveCostModel(Enumerable.Range(0, 14).Select(_ => new double[] { 0, 1, 2 }).ToArray());
        var constraint = new CostConstraint("cost", double.NegativeInfinity, 14);
        var context = new StrategyContext(space, cost, constraint, 0);
        Assert.Null(FeasibleSet.TryGet(context));
        Assert.Equal(0, LayerNasOptions.Default.GuidedFor(space));
        double Reward(Architecture a) => Enumerable.Range(0, 14).Sum(l => a[l] == 1 ? 1.0 + l * 0.01 : 0);
        var options = LayerNasOptions.Default with { GuidedProposals = 5, Buckets = 2, KeepPerBucket = 1 };
        Assert.Equal(0, LayerNasPlanner.FillTo(context, options)); // no fill: it would simulate 16 searches of a space this size
        var strategy = new LayerNasStrategy(context, options);
        var evaluated = TestProblems.Drive(strategy, Reward, 5_000);
        Assert.True(strategy.IsFinished);
        Assert.Equal(evaluated.Count, evaluated.Distinct().Count());
        Assert.All(evaluated, a => Assert.True(constraint.IsSatisfiedBy(cost.Cost(a))));
        Assert.Equal(14 * 1.0 + 0.91, strategy.Best!.Reward, 9); // every layer at option 1 (cost 14, the budget)
    }

    [Fact]
    public void Fill_PrunedSearch_GoesOnToTheUnconstrainedSearchsMean()
    {
        // 6 layers of 4 options (4,096 models), a budget at a third of the cost range (456 feasible models): the layerwise search is pruned and
        // ends early; with the fill the guided proposals go on to what `layernas plan` gives the unconstrained search.
        var table = new GeneratedTable(7, 6, 4, additiveReward: false, maxOptionCost: 9);
        double lo = table.Costs.Min(), hi = table.Costs.Max();
        var tight = new CostConstraint("cost", double.NegativeInfinity, lo + (hi - lo) / 3);
        var free = Context(table, CostConstraint.None("cost"));
        int target = (int)Math.Round(LayerNasPlanner.Plan(free, LayerNasOptions.Default).SimulatedMean);

        var unfilled = table.Run(new LayerNasStrategy(Context(table, tight), LayerNasOptions.Default with { FillToUnconstrained = false }));
        var strategy = new LayerNasStrategy(Context(table, tight));
        var filled = table.Run(strategy, batch: 3);
        Assert.True(unfilled.Count < target, $"the pruned search made {unfilled.Count}, not fewer than {target}: no fill to test");
        Assert.Equal(target, filled.Count);
        Assert.Equal(unfilled, filled.Take(unfilled.Count)); // the same search up to where it would have ended
        Assert.True(strategy.IsFinished);
        Assert.Equal(filled.Count, filled.Distinct().Count());
        Assert.All(filled, a => Assert.True(tight.IsSatisfiedBy(table.Cost.Cost(a))));
        Assert.True(strategy.Best!.Reward >= unfilled.Max(table.Reward));

        // Unconstrained there is nothing to fill: the same trials either way.
        var a = table.Run(new LayerNasStrategy(free));
        var b = table.Run(new LayerNasStrategy(free, LayerNasOptions.Default with { FillToUnconstrained = false }));
        Assert.Equal(b, a);
    }

    private static List<Architecture> TestDrive(LayerNasStrategy strategy, Func<Architecture, double> reward, int count)
    {
        var told = new List<Architecture>();
        while (told.Count < count)
        {
            var a = Assert.Single(strategy.Propose(1));
            strategy.Tell(new Observation(a, reward(a)));
            told.Add(a);
        }
        return told;
    }

    [Fact]
    public void Constructor_ImpossibleBudget_ClearError()
    {
        var table = new GeneratedTable(1, 3, 3);
        var constraint = new CostConstraint("cost", double.NegativeInfinity, table.Costs.Min() - 1);
        var ex = Assert.Throws<UserInputException>(() => new LayerNasStrategy(Context(table, constraint)));
        Assert.Contains("widen the cost range", ex.Message);
    }

    [Fact]
    public void Options_BadLayerOrder_ClearError()
    {
        var table = new GeneratedTable(1, 3, 3);
        var options = new LayerNasOptions { LayerOrder = [0, 0, 1] };
        Assert.Contains("not a permutation", Assert.Throws<UserInputException>(() => new LayerNasStrategy(Context(table, CostConstraint.None("cost")), options)).Message);
    }
}
