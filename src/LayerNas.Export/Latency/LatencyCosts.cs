using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.Studies;

namespace LayerNas.Export.Latency;

/// <summary>
/// Adds the latency costs to a network space's search problem: <c>latency-lut</c> (lookup-table prediction, exact
/// completion bounds) and <c>latency</c> (measured, cached; partial bounds from the table). Both need the space's
/// lookup table, loaded from <see cref="LatencyTables.DefaultPath"/> (or the given path) or measured once and saved there.
/// </summary>
public static class LatencyCosts
{
    public static IReadOnlyList<string> Names { get; } = ["latency", "latency-lut"];

    public static bool IsLatency(string? costName) => costName is not null && Names.Contains(costName, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The space's problem with the exact costs and both latency costs; with <c>latency</c>, every evaluation also records
    /// the measured latency as the trial metric <c>latency_ms</c> (so a study keeps it; see <see cref="LatencyCache.AddFrom"/>).
    /// </summary>
    public static SearchProblem Problem(NetworkSearchSpace space, string costName, LatencyOptions options, string? tablePath, TextWriter? progress,
        CancellationToken cancellationToken = default)
    {
        var meter = new LatencyMeter(options);
        var lut = LatencyTables.LoadOrMeasure(space, meter, tablePath, progress, cancellationToken);
        var measured = new MeasuredLatencyCostModel(space, meter, lut, new LatencyCache());
        ICostModel Model(string name) => name.ToLowerInvariant() switch
        {
            "latency" => measured,
            "latency-lut" => lut,
            _ => space.CostModel(name),
        };
        var standIn = new NetworkStandInEvaluator(space);
        var evaluator = string.Equals(costName, "latency", StringComparison.OrdinalIgnoreCase) ? new LatencyRecordingEvaluator(standIn, measured) : (Evaluation.IEvaluator)standIn;
        return new SearchProblem(space.Name, space.Space, [.. NetworkSearchSpace.CostModelNames, .. Names], Model, evaluator, space.Backbone);
    }
}
