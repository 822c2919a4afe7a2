using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.Studies;

namespace LayerNas.Export.Latency;

/// <summary>
/// The latency costs of a network space, both from the space's lookup table (loaded from
/// <see cref="LatencyTables.DefaultPath"/> or the given path, or measured once and saved there): <c>latency-lut</c>,
/// the table's prediction; and <c>latency</c>, the same prediction for pruning and bucketing, with every evaluated
/// network also measured in full (<see cref="Measuring"/>: the trial metric <c>latency_ms</c>). A search's feasibility
/// never depends on a noisy measurement, so a study resumes and spreads over workers with the same trials.
/// </summary>
public static class LatencyCosts
{
    /// <summary>The cost whose evaluated models are measured.</summary>
    public const string Measured = "latency";

    public static IReadOnlyList<string> Names { get; } = [Measured, "latency-lut"];

    public static bool IsLatency(string? costName) => costName is not null && Names.Contains(costName, StringComparer.OrdinalIgnoreCase);

    /// <summary>True for the cost whose evaluated models are measured (<c>latency</c>).</summary>
    public static bool IsMeasured(string? costName) => string.Equals(costName, Measured, StringComparison.OrdinalIgnoreCase);

    /// <summary>The space's problem with its exact costs and both latency costs (the lookup table is loaded or measured now).</summary>
    public static SearchProblem Problem(NetworkSearchSpace space, LatencyOptions options, string? tablePath, TextWriter? progress,
        CancellationToken cancellationToken = default)
    {
        var lut = LatencyTables.LoadOrMeasure(space, new LatencyMeter(options), tablePath, progress, cancellationToken);
        var measuredName = new LatencyLutCostModel(space, lut.Table, Measured);
        ICostModel Model(string name) => name.ToLowerInvariant() switch
        {
            Measured => measuredName,
            "latency-lut" => lut,
            _ => space.CostModel(name),
        };
        return new SearchProblem(space.Name, space.Space, [.. NetworkSearchSpace.CostModelNames, .. Names], Model, new NetworkStandInEvaluator(space), space.Backbone);
    }

    /// <summary><paramref name="inner"/>, with each evaluated network's latency measured on this machine and recorded as <c>latency_ms</c>.</summary>
    public static IEvaluator Measuring(IEvaluator inner, NetworkSearchSpace space, LatencyOptions? options = null) =>
        new LatencyRecordingEvaluator(inner, space, new LatencyMeter(options ?? new LatencyOptions()));
}
