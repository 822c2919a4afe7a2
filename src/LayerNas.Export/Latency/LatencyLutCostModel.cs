using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>
/// <c>latency-lut</c>: predicted batch-1 latency in milliseconds, the sum of a <see cref="LatencyTable"/>'s parts
/// (runtime overhead + stem + each block at its input channels and option + tail). Because a block's latency depends
/// on its input channels (the previous block's output), <see cref="Completions"/> is a dynamic program over
/// (block, input channels), exact over the table: LayerNAS can prune and bucket by it before any training.
/// Pure and thread-safe.
/// </summary>
public sealed class LatencyLutCostModel : ICostModel
{
    private readonly NetworkSearchSpace _space;

    /// <param name="name">The cost's name: <c>latency-lut</c>, or <c>latency</c> when the search's evaluated models are also measured (<see cref="LatencyCosts"/>).</param>
    public LatencyLutCostModel(NetworkSearchSpace space, LatencyTable table, string name = "latency-lut")
    {
        _space = space;
        Table = table;
        Name = name;
    }

    public LatencyTable Table { get; }

    public string Name { get; }

    public string Unit => "ms";

    public double Cost(Architecture arch)
    {
        _space.Space.Validate(arch);
        var slots = _space.Slots;
        double total = Table.OverheadMs + Table.StemMs;
        int c = 0;
        for (int s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            int o = slot.IsLayer ? arch[slot.Layer] : 0;
            total += Table.Blocks[s][c * slot.OptionCount + o];
            c = slot.Entry(c, o).Next;
        }
        return total + Table.Tail[FinalChannels(c)];
    }

    public CostRange Completions(PartialArchitecture partial)
    {
        if (partial.Length != _space.Space.LayerCount)
            throw new ArgumentException($"Partial architecture {partial} has {partial.Length} layers, the space {_space.Space.LayerCount}.", nameof(partial));
        var slots = _space.Slots;
        // lo[c], hi[c]: cheapest and dearest latency of the blocks so far, over completions reaching input-channels index c.
        double[] lo = [Table.OverheadMs + Table.StemMs], hi = [Table.OverheadMs + Table.StemMs];
        for (int s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            var nextLo = Enumerable.Repeat(double.PositiveInfinity, slot.NextCinValues.Length).ToArray();
            var nextHi = Enumerable.Repeat(double.NegativeInfinity, slot.NextCinValues.Length).ToArray();
            int fixedOption = slot.IsLayer ? partial[slot.Layer] : 0;
            int first = fixedOption >= 0 ? fixedOption : 0, last = fixedOption >= 0 ? fixedOption : slot.OptionCount - 1;
            for (int c = 0; c < lo.Length; c++)
            {
                if (double.IsPositiveInfinity(lo[c])) continue;
                for (int o = first; o <= last; o++)
                {
                    double v = Table.Blocks[s][c * slot.OptionCount + o];
                    int n = slot.Entry(c, o).Next;
                    nextLo[n] = Math.Min(nextLo[n], lo[c] + v);
                    nextHi[n] = Math.Max(nextHi[n], hi[c] + v);
                }
            }
            lo = nextLo;
            hi = nextHi;
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int c = 0; c < lo.Length; c++)
        {
            if (double.IsPositiveInfinity(lo[c])) continue;
            double tail = Table.Tail[FinalChannels(c)];
            min = Math.Min(min, lo[c] + tail);
            max = Math.Max(max, hi[c] + tail);
        }
        return new CostRange(min, max);
    }

    private int FinalChannels(int index) => _space.FinalChannels[index];
}
