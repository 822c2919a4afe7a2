using System.Diagnostics;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Storage;

/// <summary>
/// Measures what the study coordination costs: a study of <c>trials</c> no-op evaluations run through a store
/// by <c>workers</c> runners (each with its own store handle, as separate processes would have), timed with
/// wall-clock time. The evaluator returns at once, so the rate is the store's and the protocol's ceiling.
/// </summary>
public static class StoreBenchmark
{
    /// <summary>Runs one measurement; <paramref name="open"/> opens a new handle on the store under test.</summary>
    public static async Task<StoreBenchmarkResult> RunAsync(string label, Func<CancellationToken, Task<IStudyStore>> open, int workers, int trials,
        int parallel, CancellationToken cancellationToken)
    {
        var space = new SearchSpace("bench", Enumerable.Range(0, 8).Select(i => new Layer($"l{i}", ["a", "b", "c", "d"])).ToArray());
        var definition = new StudyDefinition($"bench-{Guid.NewGuid():N}", space.Name, "none", double.NegativeInfinity, double.PositiveInfinity,
            "sequential", "", "noop", 0, trials);
        var stores = new List<IStudyStore>();
        try
        {
            for (int i = 0; i < workers; i++) stores.Add(await open(cancellationToken).ConfigureAwait(false));
            await stores[0].CreateOrOpenAsync(definition, cancellationToken).ConfigureAwait(false);
            var runners = stores.Select(s => new StudyRunner(new SequentialStrategy(space), new NoOpEvaluator(), s, definition,
                new RunnerOptions { Parallel = parallel, CreateStudy = false, Poll = TimeSpan.FromMilliseconds(5) })).ToArray();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(runners.Select(r => r.RunAsync(cancellationToken))).ConfigureAwait(false);
            clock.Stop();
            var all = await stores[0].GetTrialsAsync(definition.Name, 0, cancellationToken).ConfigureAwait(false);
            int complete = all.Count(t => t.State == TrialState.Complete);
            return new StoreBenchmarkResult(label, workers, parallel, complete, clock.Elapsed);
        }
        finally
        {
            foreach (var s in stores) await s.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Proposes every architecture in order and never waits for results: the fastest possible strategy.
    private sealed class SequentialStrategy(SearchSpace space) : ISearchStrategy
    {
        private readonly IEnumerator<Architecture> _all = space.Enumerate().GetEnumerator();
        private bool _done;

        public string Name => "sequential";

        public bool IsFinished => _done;

        public IReadOnlyList<Architecture> Propose(int maxCount)
        {
            var list = new List<Architecture>();
            while (list.Count < maxCount && !_done)
            {
                if (_all.MoveNext()) list.Add(_all.Current);
                else _done = true;
            }
            return list;
        }

        public void Tell(Observation observation) { }
    }

    private sealed class NoOpEvaluator : IEvaluator
    {
        public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Evaluation.Evaluation(1));
    }
}
