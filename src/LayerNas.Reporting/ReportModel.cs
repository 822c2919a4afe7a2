using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
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

    /// <summary>Completed trials in trial-number order (each with its <see cref="ModelPoint.Trial"/> number and elapsed time).</summary>
    public required IReadOnlyList<ModelPoint> Points { get; init; }

    /// <summary>Trials that failed for good, in trial-number order.</summary>
    public required IReadOnlyList<Trial> Failures { get; init; }

    /// <summary>Trials still running (held by a worker) when the report was made.</summary>
    public required int Running { get; init; }

    /// <summary>The Pareto front of the completed trials (no cheaper model has a higher reward), cheapest first.</summary>
    public required IReadOnlyList<ModelPoint> Front { get; init; }

    /// <summary>The best model of each cost bucket of the latest memorial table, cheapest first (empty for strategies without tables).</summary>
    public required IReadOnlyList<ModelPoint> BestPerBucket { get; init; }

    /// <summary>The cost range of each bucket of the memorial tables, by bucket index (empty without tables).</summary>
    public required IReadOnlyList<Costs.CostRange> BucketRanges { get; init; }

    /// <summary>True when the rewards are made up (a stand-in evaluator), not accuracy: the report says so wherever it shows them.</summary>
    public bool StandIn { get; init; }

    /// <summary>Where <see cref="BestPerBucket"/> comes from, in words (the final memorial table, or the latest one of an unfinished search).</summary>
    public required string BucketSource { get; init; }

    /// <summary>The result of the study: the best reward among completed trials (ties: the first evaluated).</summary>
    public required ModelPoint? Chosen { get; init; }

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

    /// <summary>
    /// Builds the model of a study. <paramref name="strategy"/> has seen the trials (run, or replayed with
    /// <see cref="StudySchedule"/>); when it keeps memorial tables (<see cref="IFrontStrategy"/>), they give the
    /// best per bucket and the heatmap.
    /// </summary>
    public static ReportModel Build(StudyDefinition definition, IReadOnlyList<Trial> trials, SearchSpace space, ICostModel cost,
        ISearchStrategy? strategy = null, Architecture? backbone = null, IEnumerable<string>? notes = null,
        IEnumerable<KeyValuePair<string, string>>? extraSettings = null, bool standIn = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(trials);
        var ordered = trials.OrderBy(t => t.Number).ToArray();
        var summary = SearchSummary.From(ordered, strategy, cost);
        var tables = (strategy as IFrontStrategy)?.Tables ?? [];
        var last = tables.Count > 0 ? tables[^1] : null;
        string bucketSource = last is null ? ""
            : summary.BucketsFinal
                ? $"best per cost bucket of the final memorial table (after layer '{space.Layers[last.Layer].Name}', step {last.Step + 1} of {space.LayerCount})"
                : $"best per cost bucket of the latest memorial table (step {last.Step + 1} of {space.LayerCount}: the search has not finished)";

        double? backboneCost = null, backboneReward = null;
        var evaluated = summary.Evaluated;
        if (backbone is not null && space.Contains(backbone))
        {
            backboneCost = cost.Cost(backbone);
            backboneReward = evaluated.FirstOrDefault(p => p.Architecture == backbone)?.Reward;
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
            new("strategy settings", Readable(definition.StrategySettings)),
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
            Points = evaluated,
            Failures = ordered.Where(t => t.State == TrialState.Failed).ToArray(),
            Running = ordered.Count(t => t.State == TrialState.Running),
            Front = summary.Pareto,
            BestPerBucket = summary.BestPerBucket,
            BucketRanges = summary.BucketRanges,
            StandIn = standIn,
            BucketSource = bucketSource,
            Chosen = summary.Best,
            Backbone = backbone,
            BackboneCost = backboneCost,
            BackboneReward = backboneReward,
            Heatmap = heatmap,
            Notes = notes?.ToArray() ?? [],
            Settings = settings,
        };
    }

    // Settings JSON as "name: value" pairs (a long line of JSON would make the page scroll sideways).
    private static string Readable(string settings)
    {
        if (string.IsNullOrWhiteSpace(settings)) return "(defaults)";
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(settings) is System.Text.Json.Nodes.JsonObject o)
                return o.Count == 0 ? "(none)" : string.Join(", ", o.Select(p => $"{p.Key}: {(p.Value is null ? "auto" : p.Value.ToJsonString().Trim('"'))}"));
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return settings;
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
}
