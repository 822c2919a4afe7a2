using CsCheck;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Core.Tests.Studies;

public sealed class StudyScheduleTests
{
    private static readonly SearchSpace Space = new("s", Enumerable.Range(0, 4).Select(i => new Layer($"l{i}", ["a", "b", "c"])).ToArray());

    private static ISearchStrategy NewStrategy()
    {
        var indexer = new ArchitectureIndexer(Space);
        var costs = new double[indexer.Count];
        for (long i = 0; i < indexer.Count; i++)
        {
            var a = indexer.At(i);
            for (int l = 0; l < a.Length; l++) costs[i] += a[l] * (l + 1);
        }
        var cost = new EnumeratedCostModel("c", "u", Space, costs);
        return new LayerNasStrategy(new StrategyContext(Space, cost, new CostConstraint("c", 0, 14), 0), LayerNasOptions.Default with { Buckets = 4, KeepPerBucket = 2 });
    }

    private static double Reward(Architecture a) => (a[0] * 7 + a[1] * 3 + a[2] * 5 + a[3]) % 10;

    // Runs a study where results arrive in an order chosen by `random`, with the schedule advanced after each.
    private static List<Trial> Simulate(int window, Random random)
    {
        var schedule = new StudySchedule(NewStrategy(), window, null);
        var trials = new List<Trial>();
        var open = new List<int>();
        while (true)
        {
            foreach (var p in schedule.Advance(trials.Skip((int)schedule.Told).ToArray()))
            {
                trials.Add(new Trial(trials.Count, p.Architecture, TrialState.Pending, null, new Dictionary<string, double>(), 0, null, default, null) { ToldBefore = p.ToldBefore });
                open.Add(trials.Count - 1);
            }
            if (schedule.IsComplete) return trials;
            Assert.NotEmpty(open);
            int pick = open[random.Next(open.Count)];
            open.Remove(pick);
            var t = trials[pick];
            trials[pick] = Reward(t.Architecture) == 0
                ? t with { State = TrialState.Failed, Error = "x" }
                : t with { State = TrialState.Complete, Reward = Reward(t.Architecture) };
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void Advance_ResultsInAnyOrder_SameTrialsAsInOrder(int window)
    {
        var reference = Simulate(window, new Random(0)).Select(t => $"{t.Architecture}@{t.ToldBefore}").ToArray();
        Assert.True(reference.Length > 10, $"{reference.Length} trials");
        for (int seed = 1; seed < 20; seed++)
            Assert.Equal(reference, Simulate(window, new Random(seed)).Select(t => $"{t.Architecture}@{t.ToldBefore}"));
    }

    [Fact]
    public void Advance_AnyWindowAndCompletionOrder_TrialsDependOnlyOnWindow() =>
        Gen.Int[1, 12].Select(Gen.Int).Sample((window, seed) =>
        {
            var inOrder = Simulate(window, new Random(0)).Select(t => $"{t.Architecture}@{t.ToldBefore}");
            Assert.Equal(inOrder, Simulate(window, new Random(seed)).Select(t => $"{t.Architecture}@{t.ToldBefore}"));
        }, iter: 40);

    [Fact]
    public void Advance_ReplayOfStoredTrials_ProposesNothingNewAndEndsInSameState()
    {
        var trials = Simulate(3, new Random(5));
        var replay = new StudySchedule(NewStrategy(), 3, null);
        Assert.Empty(replay.Advance(trials));
        Assert.True(replay.IsComplete);
        Assert.Equal(trials.Count, replay.Told);
    }

    [Fact]
    public void Advance_StoredTrialsFromAnotherStrategy_Throws()
    {
        var trials = Simulate(3, new Random(5));
        trials[2] = trials[2] with { Architecture = trials[2].Architecture.With(3, (trials[2].Architecture[3] + 1) % 3) };
        var ex = Assert.Throws<InvalidOperationException>(() => new StudySchedule(NewStrategy(), 3, null).Advance(trials));
        Assert.Contains("Stored trial 2", ex.Message);
    }

    [Fact]
    public void Advance_Budget_StopsProposingAndRaisingItContinues()
    {
        var all = Simulate(3, new Random(1));
        var schedule = new StudySchedule(NewStrategy(), 3, 1);
        var first = schedule.Advance([]);
        Assert.Equal([all[0].Architecture], first.Select(p => p.Architecture));
        Assert.Empty(schedule.Advance([all[0] with { State = TrialState.Pending }]));
        Assert.False(schedule.IsComplete);
        schedule.TrialBudget = null;
        var more = schedule.Advance([all[0]]);
        Assert.NotEmpty(more);
        Assert.Equal(all.Skip(1).Take(more.Count).Select(t => t.Architecture), more.Select(p => p.Architecture));
    }

    [Fact]
    public void Advance_ProposalsTheStoreDidNotKeep_OfferedAgainThenTheSameStudy()
    {
        var reference = Simulate(3, new Random(5));
        var schedule = new StudySchedule(NewStrategy(), 3, null);
        var first = schedule.Advance([]);
        Assert.NotEmpty(first);
        // The store's transaction failed (e.g. the server restarted): nothing was kept, and the call is made again.
        var again = schedule.Advance([]);
        Assert.Equal(first, again);
        Assert.Equal(reference.Take(again.Count).Select(t => (t.Architecture, t.ToldBefore)), again.Select(p => (p.Architecture, p.ToldBefore)));
    }
}
