using LayerNas.Costs;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Studies;

/// <summary>
/// The result of a search: the best feasible model by reward and the cost/reward front — for LayerNAS the
/// best candidate of each bucket of the final memorial table, for other strategies the Pareto front of
/// everything evaluated. Immutable.
/// </summary>
public sealed record SearchSummary(FrontPoint? Best, IReadOnlyList<FrontPoint> Front, int Evaluations, int Failures)
{
    public static SearchSummary From(IReadOnlyList<Trial> trials, ISearchStrategy strategy, ICostModel cost)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete).ToArray();
        var byArch = complete.ToDictionary(t => t.Architecture);
        FrontPoint Point(Trial t) => new(t.Architecture, cost.Cost(t.Architecture), t.Reward!.Value, t.Metrics);

        var best = complete.OrderByDescending(t => t.Reward).ThenBy(t => t.Number).Select(Point).FirstOrDefault();
        IReadOnlyList<FrontPoint> front;
        if (strategy is LayerNasStrategy layerNas && layerNas.Front.Count > 0)
            front = layerNas.Front
                .Where(c => byArch.ContainsKey(c.Evaluated))
                .Select(c => Point(byArch[c.Evaluated]))
                .OrderBy(p => p.Cost).ToArray();
        else
            front = ParetoFront(complete.Select(Point));
        return new SearchSummary(best, front, trials.Count(t => t.IsFinished), trials.Count(t => t.State == TrialState.Failed));
    }

    /// <summary>Points no other point beats on both lower cost and higher reward, by increasing cost.</summary>
    public static IReadOnlyList<FrontPoint> ParetoFront(IEnumerable<FrontPoint> points)
    {
        var front = new List<FrontPoint>();
        foreach (var p in points.OrderBy(p => p.Cost).ThenByDescending(p => p.Reward))
            if (front.Count == 0 || p.Reward > front[^1].Reward) front.Add(p);
        return front;
    }
}
