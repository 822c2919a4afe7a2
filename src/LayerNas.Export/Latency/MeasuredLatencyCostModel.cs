using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>
/// <c>latency</c>: measured batch-1 latency in milliseconds of the whole network on this machine (ONNX Runtime, see
/// <see cref="LatencyMeter"/>), cached per architecture in a <see cref="LatencyCache"/>. Measurement is noisy, so
/// <see cref="Cost"/> of an architecture is its first measurement, reused. A measurement is only possible for a
/// complete architecture: for a partial one, <see cref="Completions"/> is the lookup-table model's exact range widened by
/// <see cref="Margin"/> (±, relative) — a prediction that covers the table's measured error (docs/latency.md), not a
/// guarantee. Thread-safe (measurements are serialized by the meter).
/// </summary>
public sealed class MeasuredLatencyCostModel(NetworkSearchSpace space, LatencyMeter meter, LatencyLutCostModel predictor, LatencyCache cache, double margin = MeasuredLatencyCostModel.DefaultMargin) : ICostModel
{
    public const double DefaultMargin = 0.25;

    public string Name => "latency";

    public string Unit => "ms";

    public double Margin { get; } = margin >= 0 ? margin : throw new ArgumentOutOfRangeException(nameof(margin));

    public LatencyCache Cache { get; } = cache;

    public LatencyLutCostModel Predictor { get; } = predictor;

    public double Cost(Architecture arch)
    {
        space.Space.Validate(arch);
        return Cache.GetOrAdd(arch, a => meter.Measure(space.Build(a)).Ms);
    }

    public CostRange Completions(PartialArchitecture partial)
    {
        if (partial.IsComplete)
        {
            double c = Cost(new Architecture(partial.Options));
            return new CostRange(c, c);
        }
        var range = Predictor.Completions(partial);
        return new CostRange(range.Min * (1 - Margin), range.Max * (1 + Margin));
    }
}
