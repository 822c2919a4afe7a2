using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Core.Tests.Studies;

public class StudyProgressPhaseTests
{
    private static readonly SearchSpace Space = new("toy", Enumerable.Range(0, 5).Select(i => new Layer($"l{i}", ["a", "b", "c"])).ToArray());

    private static EnumeratedCostModel Cost() =>
        new("units", "u", Space, Space.Enumerate().Select(a => (double)(a[0] + 2 * a[1] + 3 * a[2] + a[3] + 2 * a[4])).ToArray());

    // A reward that rewards size with diminishing returns, plus a deterministic wiggle, so buckets differ.
    private sealed class ToyEvaluator(int failEvery = 0) : IEvaluator
    {
        public Task<LayerNas.Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            int sum = 0, hash = 0;
            for (int i = 0; i < arch.Length; i++) { sum += arch[i]; hash = hash * 7 + arch[i]; }
            if (failEvery > 0 && hash % failEvery == 0) throw new EvaluationFailedException("toy failure");
            return Task.FromResult(new LayerNas.Evaluation.Evaluation(Math.Sqrt(sum) + (hash % 13) / 50.0));
        }
    }

    private static LayerNasStrategy NewStrategy(LayerNasOptions options, int seed = 1)
    {
        var cost = Cost();
        return new LayerNasStrategy(new StrategyContext(Space, cost, new CostConstraint("units", 0, 12), seed), options);
    }

    private static StudyDefinition Definition => new("s", "toy", "units", 0, 12, "layernas", "", "toy", 1, null);

    [Fact]
    public async Task RunAsync_LayerNas_ReportsPhasesInOrderEndingFinished()
    {
        var strategy = NewStrategy(new LayerNasOptions { Buckets = 4 });
        var reports = new List<StudyProgress>();
        var progress = new SyncProgress(reports.Add);

        await new StudyRunner(strategy, new ToyEvaluator(), new InMemoryStudyStore(), Definition, progress: progress).RunAsync(CancellationToken.None);

        Assert.All(reports, r => Assert.NotNull(r.Phase));
        var steps = reports.Select(r => r.Phase!.Step).ToArray();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(1, steps[0]);
        Assert.Equal(5, reports[^1].Phase!.Step);
        var last = strategy.Phase;
        Assert.True(strategy.IsFinished);
        Assert.Equal(new SearchPhase(5, 5, "l4", last.StepCandidates, last.StepCandidates,
            Enumerable.Range(0, strategy.Tables[^1].BucketCount).Count(b => strategy.Tables[^1][b].Count > 0), 4), last);
        Assert.All(reports, r => Assert.InRange(r.Phase!.StepProposed, 0, r.Phase.StepCandidates));
    }

    // Progress<T> posts to the thread pool; tests need the reports in order, now.
    private sealed class SyncProgress(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }
}
