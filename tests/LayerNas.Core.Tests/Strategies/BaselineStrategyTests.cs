using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.Evolution;
using LayerNas.Strategies.Ppo;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Core.Tests.Strategies;

public class BaselineStrategyTests
{
    public static TheoryData<string> Baselines => new() { "random", "evolution", "ppo", "local" };

    public static TheoryData<string> AllNames => new() { "layernas", "layernas-paper", "random", "evolution", "ppo", "local" };

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Propose_GeneratedTables_OnlyFeasibleAndNeverRepeated(string name)
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var (context, reward) = problem;
            var feasible = TestProblems.Feasible(context);
            var proposed = TestProblems.Drive(StrategyRegistry.Get(name).Create(context), reward, 10_000);
            Assert.All(proposed, a => Assert.Contains(a, feasible));
            Assert.Equal(proposed.Count, proposed.Distinct().Count());
        }, iter: 150);
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Propose_UntilFinished_CoversEveryFeasibleArchitecture(string name)
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var (context, reward) = problem;
            var strategy = StrategyRegistry.Get(name).Create(context);
            var proposed = TestProblems.Drive(strategy, reward, 10_000);
            Assert.True(strategy.IsFinished);
            Assert.Equal(TestProblems.Feasible(context), proposed.ToHashSet());
        }, iter: 100);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Propose_SameSeed_SameSequence(string name)
    {
        TestProblems.Tabulated.Sample(problem =>
        {
            var (context, reward) = problem;
            var first = TestProblems.Drive(StrategyRegistry.Get(name).Create(context), reward, 60);
            var second = TestProblems.Drive(StrategyRegistry.Get(name).Create(context), reward, 60);
            Assert.Equal(first, second);
        }, iter: 50);
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Propose_DifferentSeeds_DifferentSequences(string name)
    {
        var space = TestProblems.Space([5, 5, 5, 5]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 4).Select(_ => new double[] { 1, 2, 3, 4, 5 }).ToArray());
        var a = TestProblems.Drive(StrategyRegistry.Get(name).Create(new StrategyContext(space, model, CostConstraint.None("cost"), 1)), x => TestProblems.Reward(x, 0), 30);
        var b = TestProblems.Drive(StrategyRegistry.Get(name).Create(new StrategyContext(space, model, CostConstraint.None("cost"), 2)), x => TestProblems.Reward(x, 0), 30);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Propose_SpaceTooLargeToEnumerate_OnlyFeasibleAndNeverRepeated(string name)
    {
        // 3^24 architectures: the strategies must use the cost model's bounds, not the enumerated feasible set.
        var space = TestProblems.Space(Enumerable.Repeat(3, 24).ToArray());
        var model = new AdditiveCostModel(Enumerable.Range(0, 24).Select(l => new double[] { 0, 1 + l % 3, 3 }).ToArray());
        var constraint = new CostConstraint("cost", double.NegativeInfinity, 20);
        var context = new StrategyContext(space, model, constraint, 7);
        Assert.Null(FeasibleSet.TryGet(context));
        var proposed = TestProblems.Drive(StrategyRegistry.Get(name).Create(context), a => TestProblems.Reward(a, 3), 300);
        Assert.Equal(300, proposed.Count);
        Assert.All(proposed, a => Assert.True(constraint.IsSatisfiedBy(model.Cost(a))));
        Assert.Equal(proposed.Count, proposed.Distinct().Count());
    }

    [Fact]
    public void Propose_BatchOfK_EqualsKSingleProposals()
    {
        var space = TestProblems.Space([4, 4, 4]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 3).Select(_ => new double[] { 1, 2, 3, 4 }).ToArray());
        var context = new StrategyContext(space, model, new CostConstraint("cost", double.NegativeInfinity, 9), 5);
        foreach (var name in new[] { "random", "evolution", "ppo", "local" })
        {
            var batched = StrategyRegistry.Get(name).Create(context).Propose(12);
            var single = StrategyRegistry.Get(name).Create(context);
            var one = Enumerable.Range(0, 12).SelectMany(_ => single.Propose(1)).ToList();
            Assert.Equal(one, batched);
        }
    }

    [Fact]
    public void Evolution_AfterInitialPopulation_ProposesOneLayerMutationsOfPopulationMembers()
    {
        var space = TestProblems.Space([5, 5, 5, 5, 5]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 5).Select(_ => new double[] { 1, 2, 3, 4, 5 }).ToArray());
        var strategy = new EvolutionStrategy(new StrategyContext(space, model, CostConstraint.None("cost"), 11));
        var members = new List<Architecture>();
        for (int i = 0; i < 40; i++)
        {
            var arch = strategy.Propose(1).Single();
            if (i >= strategy.Options.Population)
                Assert.Contains(members.TakeLast(strategy.Options.Population), m => Differences(m, arch) == 1);
            members.Add(arch);
            strategy.Tell(new Observation(arch, TestProblems.Reward(arch, 1)));
        }

        static int Differences(Architecture a, Architecture b) => Enumerable.Range(0, a.Length).Count(i => a[i] != b[i]);
    }

    [Fact]
    public void Ppo_RewardFavoursOneOption_PolicyLearnsIt()
    {
        var space = TestProblems.Space([4, 4, 4, 4, 4, 4]);
        var model = new AdditiveCostModel(Enumerable.Range(0, 6).Select(_ => new double[] { 1, 1, 1, 1 }).ToArray());
        var strategy = new PpoStrategy(new StrategyContext(space, model, CostConstraint.None("cost"), 3));
        // Reward counts the layers set to option 2.
        TestProblems.Drive(strategy, a => Enumerable.Range(0, a.Length).Count(i => a[i] == 2), 400);
        var p2 = Enumerable.Range(0, 6).Select(l => strategy.Probabilities(l)[2]).ToArray();
        Assert.True(p2.All(p => p > 0.35), $"p(option 2) per layer: {string.Join(", ", p2.Select(p => p.ToString("F2")))} (uniform: 0.25)");
    }

    [Fact]
    public void Random_EnumerableSpace_FirstProposalIsRoughlyUniform()
    {
        var space = TestProblems.Space([3, 3]);
        var model = new AdditiveCostModel([[0, 1, 2], [0, 1, 2]]);
        var constraint = new CostConstraint("cost", double.NegativeInfinity, 2); // 6 of 9 feasible
        var counts = new Dictionary<Architecture, int>();
        for (int seed = 0; seed < 6000; seed++)
        {
            var arch = new RandomSearchStrategy(new StrategyContext(space, model, constraint, seed)).Propose(1).Single();
            counts[arch] = counts.GetValueOrDefault(arch) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void Create_UnknownName_ThrowsUserInputNamingTheChoices()
    {
        var context = new StrategyContext(TestProblems.Space([2]), new AdditiveCostModel([[1, 2]]), CostConstraint.None("cost"), 0);
        var ex = Assert.Throws<UserInputException>(() => StrategyRegistry.Get("bogus").Create(context));
        Assert.Contains("layernas-paper", ex.Message);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Create_KnownName_BuildsThatStrategy(string name)
    {
        var context = new StrategyContext(TestProblems.Space([2, 2]), new AdditiveCostModel([[1, 2], [1, 2]]), CostConstraint.None("cost"), 0);
        var strategy = StrategyRegistry.Get(name).Create(context);
        Assert.Equal(name.Replace("-paper", ""), strategy.Name);
    }
}
