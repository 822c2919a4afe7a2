using System.Collections.Concurrent;
using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// FLOPs and parameters of the NATS size-space networks, computed from the network definition (not read
/// from the benchmark files), and exact cost models over all 32,768 networks. Thread-safe.
/// </summary>
/// <remarks>
/// The network (NATS-Bench's "infer.shape.tiny"): a 3×3 stem conv to c1 channels + BN; a cell c1→c1;
/// a residual reduction block c1→c2 (stride 2); a cell c2→c3; a reduction block c3→c4; a cell c4→c5;
/// BN, ReLU, global average pooling and a linear classifier. Every cell has the fixed topology
/// <c>|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|</c>:
/// five ReLU-conv3×3-BN edges (the two leaving the cell input go c_in→c_out, the others c_out→c_out) and a
/// skip edge that becomes a 1×1 conv + BN when c_in ≠ c_out. A reduction block is ReLU-conv3×3(stride 2)-BN,
/// ReLU-conv3×3-BN, and a shortcut of 2×2 average pooling and a 1×1 conv (no BN). Convs have no bias.
/// Pooling, ReLU, BN and the additions are not counted as FLOPs, matching the official records.
/// </remarks>
public static class NatsSizeCosts
{
    private static readonly ConcurrentDictionary<NatsDataset, (ICostModel Flops, ICostModel Params)> Models = new();

    /// <summary>The exact cost of the network with stage channels <paramref name="channels"/> on <paramref name="dataset"/>.</summary>
    public static NatsNetworkCost Of(ReadOnlySpan<int> channels, NatsDataset dataset)
    {
        if (channels.Length != NatsSizeSpace.LayerCount)
            throw new ArgumentException($"A NATS size-space network has {NatsSizeSpace.LayerCount} stages, not {channels.Length}.", nameof(channels));
        var counter = new Counter();
        int side = dataset.ImageSize;
        counter.Conv(3, channels[0], 3, side);
        counter.BatchNorm(channels[0]);
        int previous = channels[0];
        for (int stage = 0; stage < NatsSizeSpace.LayerCount; stage++)
        {
            int c = channels[stage];
            if (stage % 2 == 1)
            {
                side /= 2;
                counter.Conv(previous, c, 3, side);
                counter.BatchNorm(c);
                counter.Conv(c, c, 3, side);
                counter.BatchNorm(c);
                counter.Conv(previous, c, 1, side);
            }
            else
            {
                for (int e = 0; e < 2; e++) { counter.Conv(previous, c, 3, side); counter.BatchNorm(c); }
                for (int e = 0; e < 3; e++) { counter.Conv(c, c, 3, side); counter.BatchNorm(c); }
                if (previous != c) { counter.Conv(previous, c, 1, side); counter.BatchNorm(c); }
            }
            previous = c;
        }
        counter.BatchNorm(previous);
        counter.Linear(previous, dataset.Classes);
        return new NatsNetworkCost(counter.Flops, counter.Parameters);
    }

    public static NatsNetworkCost Of(Architecture arch, NatsDataset dataset) => Of(NatsSizeSpace.Channels(arch), dataset);

    /// <summary>Exact MFLOPs cost model (name <c>flops</c>) over the whole space; completion bounds are exact.</summary>
    public static ICostModel FlopsModel(NatsDataset dataset) => ModelsOf(dataset).Flops;

    /// <summary>Exact M-parameters cost model (name <c>params</c>) over the whole space; completion bounds are exact.</summary>
    public static ICostModel ParamsModel(NatsDataset dataset) => ModelsOf(dataset).Params;

    /// <summary>MFLOPs and M params of every network by official index.</summary>
    public static (double[] MFlops, double[] MParams) ByIndex(NatsDataset dataset)
    {
        var flops = new double[NatsSizeSpace.ArchitectureCount];
        var parameters = new double[NatsSizeSpace.ArchitectureCount];
        Span<int> channels = stackalloc int[NatsSizeSpace.LayerCount];
        for (int index = 0; index < flops.Length; index++)
        {
            var arch = NatsSizeSpace.FromOfficialIndex(index);
            for (int i = 0; i < channels.Length; i++) channels[i] = NatsSizeSpace.ChannelChoices[arch[i]];
            var cost = Of(channels, dataset);
            flops[index] = cost.MFlops;
            parameters[index] = cost.MParams;
        }
        return (flops, parameters);
    }

    private static (ICostModel Flops, ICostModel Params) ModelsOf(NatsDataset dataset) =>
        Models.GetOrAdd(dataset, d =>
        {
            var (flops, parameters) = ByIndex(d);
            return (new EnumeratedCostModel("flops", "MFLOPs", NatsSizeSpace.Space, flops),
                new EnumeratedCostModel("params", "M params", NatsSizeSpace.Space, parameters));
        });

    private struct Counter
    {
        public long Flops;
        public long Parameters;

        public void Conv(int cin, int cout, int kernel, int outputSide)
        {
            long weights = (long)kernel * kernel * cin * cout;
            Parameters += weights;
            Flops += weights * outputSide * outputSide;
        }

        public void BatchNorm(int channels) => Parameters += 2L * channels;

        public void Linear(int inputs, int outputs)
        {
            long weights = (long)inputs * outputs + outputs;
            Parameters += weights;
            Flops += weights;
        }
    }
}
