using LayerNas.Costs;
using LayerNas.Strategies;

namespace LayerNas.Studies;

/// <summary>
/// The result of a search: the best feasible model by reward; the Pareto front of everything evaluated (no cheaper
/// model has a higher reward); and, for strategies that keep one (<see cref="IFrontStrategy"/>: LayerNAS), the best
/// model of each cost bucket of the latest memorial table, which may include models another bucket's best
/// dominates. Immutable.
/// </summary>
public sealed record SearchSummary(ModelPoint? Best, IReadOnlyList<ModelPoint> Pareto, IReadOnlyList<ModelPoint> BestPerBucket, int Evaluations, int Failures)
{
    /// <summary>True when <see cref="BestPerBucket"/> comes from the final memorial table (the strategy finished).</summary>
    public bool BucketsFinal { get; init; }

    /// <summary>With <see cref="BestPerBucket"/>: the cost range of each bucket (indexed by <see cref="ModelPoint.Bucket"/>).</summary>
    public IReadOnlyList<CostRange> BucketRanges { get; init; } = [];

    /// <summary>Every completed trial as a point, in trial order (with its trial number and elapsed seconds).</summary>
    public IReadOnlyList<ModelPoint> Evaluated { get; init; } = [];

    /// <summary>Summarizes <paramref name="trials"/>; <paramref name="strategy"/> must have seen them (run or replayed).</summary>
    public static SearchSummary From(IReadOnlyList<Trial> trials, ISearchStrategy? strategy, ICostModel cost)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Reward is not null).OrderBy(t => t.Number).ToArray();
        var firstStart = trials.Count > 0 ? trials.Min(t => t.Started) : default;
        var points = complete.Select(t => new ModelPoint(t.Architecture, cost.Cost(t.Architecture), t.Reward!.Value, t.Metrics)
        {
            Trial = t.Number,
            ElapsedSeconds = t.Finished is { } f ? (f - firstStart).TotalSeconds : null,
        }).ToArray();
        var byArch = new Dictionary<SearchSpaces.Architecture, ModelPoint>();
        foreach (var p in points) byArch.TryAdd(p.Architecture, p);

        var best = points.OrderByDescending(p => p.Reward).ThenBy(p => p.Trial).FirstOrDefault();
        var buckets = new List<ModelPoint>();
        bool final = false;
        if (strategy is IFrontStrategy kept && kept.Tables.Count > 0)
        {
            var last = kept.Tables[^1];
            for (int b = 0; b < last.BucketCount; b++)
            {
                if (last[b].Count == 0) continue;
                var c = last[b][0];
                var point = byArch.TryGetValue(c.Evaluated, out var p) ? p : new ModelPoint(c.Evaluated, c.EvaluatedCost, c.Reward, new Dictionary<string, double>());
                buckets.Add(point with { Bucket = b });
            }
            final = kept.IsFinished;
        }
        return new SearchSummary(best, ParetoFront(points), buckets.OrderBy(p => p.Cost).ThenBy(p => p.Bucket).ToArray(),
            trials.Count(t => t.IsFinished), trials.Count(t => t.State == TrialState.Failed)) { BucketsFinal = final, Evaluated = points, BucketRanges = (strategy as IFrontStrategy)?.BucketRanges ?? [] };
    }

    /// <summary>Points no other point beats on both lower cost and higher reward, by increasing cost (the first found among equals).</summary>
    public static IReadOnlyList<ModelPoint> ParetoFront(IEnumerable<ModelPoint> points)
    {
        var front = new List<ModelPoint>();
        foreach (var p in points.OrderBy(p => p.Cost).ThenByDescending(p => p.Reward).ThenBy(p => p.Trial))
            if (front.Count == 0 || p.Reward > front[^1].Reward) front.Add(p);
        return front;
    }
}
