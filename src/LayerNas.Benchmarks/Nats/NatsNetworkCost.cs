namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// Exact cost of one NATS size-space network on one data set: FLOPs as NATS-Bench counts them (multiply-adds
/// of convolutions and linear layers, plus one per output for their biases) and trainable parameters
/// (convolutions, batch-norm scales and shifts, the classifier). Immutable.
/// </summary>
public readonly record struct NatsNetworkCost(long Flops, long Parameters)
{
    /// <summary>FLOPs in millions, the unit of the official records (flops / 10^6).</summary>
    public double MFlops => Flops / 1e6;

    /// <summary>Parameters in millions, the unit of the official records (count / 10^6).</summary>
    public double MParams => Parameters / 1e6;
}
