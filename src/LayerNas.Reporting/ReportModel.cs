using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;

namespace LayerNas.Reporting;

/// <summary>
/// Everything a study report shows, computed once from the stored study: evaluated points, failures, the
/// cost/reward front, the chosen model, the backbone and the memorial tables as heatmap rows. Costs are in
/// <see cref="CostUnit"/>. Immutable; build it with <see cref="Build"/>.
/// </summary>
public sealed class ReportModel
{
    private ReportModel() { }

    public required StudyDefinition Definition { get; init; }

    public required SearchSpace Space { get; init; }

    public required string CostName { get; init; }

    public required string CostUnit { get; init; }

    /// <summary>Completed trials in trial-number order.</summary>
    public required IReadOnlyList<ReportPoint> Points { get; init; }

    /// <summary>Trials that failed for good, in trial-number order.</summary>
    public required IReadOnlyList<Trial> Failures { get; init; }

    /// <summary>Trials still running (held by a worker) when the report was made.</summary>
    public required int Running { get; init; }

    /// <summary>The front, cheapest first.</summary>
    public required IReadOnlyList<FrontEntry> Front { get; init; }

    /// <summary>Where <see cref="Front"/> comes from, in words (the final memorial table, or the Pareto front of the trials).</summary>
    public required string FrontSource { get; init; }

    /// <summary>The result of the study: the best reward among completed trials that meet the budget (ties: cheaper).</summary>
    public required ReportPoint? Chosen { get; init; }

    /// <summary>The space's reference model, when it has one.</summary>
    public required Architecture? Backbone { get; init; }

    public required double? BackboneCost { get; init; }

    /// <summary>The backbone's reward when the study evaluated it.</summary>
    public required double? BackboneReward { get; init; }

    /// <summary>One row per memorial table, in search order (empty for strategies without tables).</summary>
    public required IReadOnlyList<HeatmapRow> Heatmap { get; init; }

    /// <summary>Things the reader should know (e.g. a replay that stopped early).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Settings shown in the report's settings table, in order (name, value).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>Names of the metrics reported by the front's models, sorted.</summary>
    public IReadOnlyList<string> FrontMetricNames => Front.SelectMany(f => f.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Builds the model of a study. <paramref name="tables"/> are the memorial tables of a LayerNAS strategy
    /// rebuilt by replaying the trials (<see cref="StudySchedule"/>); without them the front is the Pareto front of the trials.
    /// </summary>
    public static ReportModel Build(StudyDefinition definition, IReadOnlyList<Trial> trials, SearchSpace space, ICostModel cost,
        IReadOnlyList<MemorialTable>? tables = null, Architecture? backbone = null, IEnumerable<string>? notes = null,
        IEnumerable<KeyValuePair<string, string>>? extraSettings = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(trials);
        var ordered = trials.OrderBy(t => t.Number).ToArray();
        var firstStart = ordered.Length > 0 ? ordered.Min(t => t.Started) : default;
        var points = ordered.Where(t => t.State == TrialState.Complete && t.Reward is not null)
            .Select(t => new ReportPoint(t.Number, t.Architecture, cost.Cost(t.Architecture), t.Reward!.Value, t.Metrics,
                t.Finished is { } f ? (f - firstStart).TotalSeconds : null))
            .ToArray();
        var byArch = new Dictionary<Architecture, ReportPoint>();
        foreach (var p in points) byArch.TryAdd(p.Architecture, p);

        var chosen = points.Where(p => p.Cost >= definition.MinCost && p.Cost <= definition.MaxCost)
            .OrderByDescending(p => p.Reward).ThenBy(p => p.Cost).ThenBy(p => p.Number).FirstOrDefault();

        IReadOnlyList<FrontEntry> front;
        string frontSource;
        tables ??= [];
        if (tables.Count > 0)
        {
            var last = tables[^1];
            front = Enumerable.Range(0, last.BucketCount).Where(b => last[b].Count > 0).Select(b =>
            {
                var c = last[b][0];
                var metrics = byArch.TryGetValue(c.Evaluated, out var p) ? p.Metrics : new Dictionary<string, double>();
                return new FrontEntry(b, c.Evaluated, c.EvaluatedCost, c.Reward, metrics);
            }).OrderBy(f => f.Cost).ThenBy(f => f.Bucket).ToArray();
            frontSource = tables.Count == space.LayerCount
                ? $"best per cost bucket of the final memorial table (after layer '{space.Layers[last.Layer].Name}', step {last.Step + 1} of {space.LayerCount})"
                : $"best per cost bucket of the latest memorial table (step {last.Step + 1} of {space.LayerCount}: the search has not finished)";
        }
        else
        {
            front = ParetoFront(points);
            frontSource = "Pareto front of the evaluated trials (no cheaper model has a higher reward)";
        }

        double? backboneCost = null, backboneReward = null;
        if (backbone is not null && space.Contains(backbone))
        {
            backboneCost = cost.Cost(backbone);
            backboneReward = byArch.TryGetValue(backbone, out var bp) ? bp.Reward : null;
        }
        else backbone = null;

        var heatmap = tables.Select(t => new HeatmapRow(t.Step, t.Layer, space.Layers[t.Layer].Name,
            Enumerable.Range(0, t.BucketCount).Select(b => t[b].Count > 0 ? t[b][0].Reward : double.NaN).ToArray())).ToArray();

        var settings = new List<KeyValuePair<string, string>>
        {
            new("study", definition.Name),
            new("space", $"{definition.Space} ({space.LayerCount} layers, {space.Size:N0} architectures)"),
            new("cost", $"{definition.CostName} ({cost.Unit})"),
            new("budget", Budget(definition, cost.Unit)),
            new("strategy", definition.Strategy),
            new("strategy settings", string.IsNullOrEmpty(definition.StrategySettings) ? "(defaults)" : definition.StrategySettings),
            new("evaluator", definition.Evaluator),
            new("seed", definition.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("trial budget", definition.TrialBudget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(until the strategy finishes)"),
        };
        if (extraSettings is not null) settings.AddRange(extraSettings);

        return new ReportModel
        {
            Definition = definition,
            Space = space,
            CostName = cost.Name,
            CostUnit = cost.Unit,
            Points = points,
            Failures = ordered.Where(t => t.State == TrialState.Failed).ToArray(),
            Running = ordered.Count(t => t.State == TrialState.Running),
            Front = front,
            FrontSource = frontSource,
            Chosen = chosen,
            Backbone = backbone,
            BackboneCost = backboneCost,
            BackboneReward = backboneReward,
            Heatmap = heatmap,
            Notes = notes?.ToArray() ?? [],
            Settings = settings,
        };
    }

    private static string Budget(StudyDefinition d, string unit)
    {
        static string N(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        bool lo = !double.IsInfinity(d.MinCost), hi = !double.IsInfinity(d.MaxCost);
        return (lo, hi) switch
        {
            (true, true) => $"{N(d.MinCost)} ≤ {d.CostName} ≤ {N(d.MaxCost)} {unit}",
            (false, true) => $"{d.CostName} ≤ {N(d.MaxCost)} {unit}",
            (true, false) => $"{d.CostName} ≥ {N(d.MinCost)} {unit}",
            _ => $"{d.CostName}: no limit",
        };
    }

    // Cheapest first; a point joins when it beats every cheaper point's reward.
    private static FrontEntry[] ParetoFront(IEnumerable<ReportPoint> points)
    {
        var front = new List<FrontEntry>();
        double best = double.NegativeInfinity;
        foreach (var p in points.OrderBy(p => p.Cost).ThenByDescending(p => p.Reward).ThenBy(p => p.Number))
        {
            if (p.Reward <= best) continue;
            best = p.Reward;
            front.Add(new FrontEntry(null, p.Architecture, p.Cost, p.Reward, p.Metrics));
        }
        return front.ToArray();
    }
}
