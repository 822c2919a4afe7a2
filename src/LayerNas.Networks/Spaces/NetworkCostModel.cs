using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// An exact cost of a <see cref="NetworkSearchSpace"/>'s architectures. MAdds and params add up over blocks; peak
/// activation is the maximum over blocks. A block's cost depends on its option and its input channels (the previous
/// block's output), so <see cref="Completions"/> is a dynamic program over (block, input channels): exact, not just
/// a bound. Suffix tables (cheapest/dearest cost of all-free remaining blocks per input channels) make the common
/// LayerNAS case — layers fixed up to some point, free after — cost O(blocks). Thread-safe.
/// </summary>
public sealed class NetworkCostModel : ICostModel
{
    private readonly NetworkSearchSpace _space;
    private readonly int _measure;
    private readonly bool _max;
    private readonly double _scale;
    private readonly long[][] _suffixMin;
    private readonly long[][] _suffixMax;
    private readonly int _maxStates;
    private readonly long _start;

    internal NetworkCostModel(NetworkSearchSpace space, NetworkCostKind kind)
    {
        _space = space;
        Kind = kind;
        (Name, Unit, _measure, _max, _scale) = kind switch
        {
            NetworkCostKind.MultiplyAdds => ("madds", "MMAdds", 0, false, 1.0),
            NetworkCostKind.Parameters => ("params", "M", 1, false, 1.0),
            NetworkCostKind.ActivationFloat32 => ("activation", "bytes", 2, true, 4.0),
            _ => ("activation-int8", "bytes", 2, true, 1.0),
        };
        var stem = space.StemCosts;
        _start = _measure switch { 0 => stem.Madds, 1 => stem.Params, _ => stem.Act };
        var slots = space.Slots;
        _maxStates = slots.Count == 0 ? 1 : slots.Max(s => Math.Max(s.CinValues.Length, s.NextCinValues.Length));
        // _suffix[s][c]: cheapest/dearest cost of blocks s.. and the tail when block s gets CinValues[c].
        _suffixMin = new long[slots.Count + 1][];
        _suffixMax = new long[slots.Count + 1][];
        var final = space.FinalChannels;
        _suffixMin[slots.Count] = final.Select(c => space.TailCost(_measure, c)).ToArray();
        _suffixMax[slots.Count] = (long[])_suffixMin[slots.Count].Clone();
        for (int s = slots.Count - 1; s >= 0; s--)
        {
            var slot = slots[s];
            var lo = new long[slot.CinValues.Length];
            var hi = new long[slot.CinValues.Length];
            for (int c = 0; c < lo.Length; c++)
            {
                lo[c] = long.MaxValue;
                hi[c] = long.MinValue;
                for (int o = 0; o < slot.OptionCount; o++)
                {
                    ref readonly var e = ref slot.Entry(c, o);
                    long v = Measure(e);
                    lo[c] = Math.Min(lo[c], Combine(v, _suffixMin[s + 1][e.Next]));
                    hi[c] = Math.Max(hi[c], Combine(v, _suffixMax[s + 1][e.Next]));
                }
            }
            _suffixMin[s] = lo;
            _suffixMax[s] = hi;
        }
    }

    public NetworkCostKind Kind { get; }

    /// <summary>Throws <see cref="OverflowException"/> when the dearest architecture's count does not fit in 64 bits.</summary>
    internal void CheckFits()
    {
        // The suffix tables were summed unchecked: recompute the dearest total checked.
        var slots = _space.SlotArray;
        long worst = _start;
        foreach (var slot in slots)
            worst = checked(worst + slot.Entries.Max(e => Measure(e)));
        _ = checked(worst + _suffixMax[slots.Length].DefaultIfEmpty(0).Max());
    }

    public string Name { get; }

    public string Unit { get; }

    /// <summary>The exact cost as an integer count (MAdds, parameters, or activation elements × bytes).</summary>
    public long CostCount(Architecture arch)
    {
        var slots = _space.SlotArray;
        var options = arch.Options;
        long acc = Start;
        int c = 0;
        for (int s = 0; s < slots.Length; s++)
        {
            var slot = slots[s];
            int o = slot.IsLayer ? options[slot.Layer] : 0;
            if ((uint)o >= (uint)slot.OptionCount)
                throw new ArgumentException($"Architecture {arch} has no option {o} at layer {slot.Layer}.", nameof(arch));
            ref readonly var e = ref slot.Entry(c, o);
            acc = Combine(acc, Measure(e));
            c = e.Next;
        }
        return Scale(Combine(acc, _suffixMin[slots.Length][c]));
    }

    public double Cost(Architecture arch)
    {
        if (arch.Length != _space.Space.LayerCount)
            throw new ArgumentException($"Architecture {arch} has {arch.Length} layers, the space {_space.Space.LayerCount}.", nameof(arch));
        return ToUnit(CostCount(arch));
    }

    public CostRange Completions(PartialArchitecture partial)
    {
        var slots = _space.SlotArray;
        if (partial.Length != _space.Space.LayerCount)
            throw new ArgumentException($"Partial architecture {partial} has {partial.Length} layers, the space {_space.Space.LayerCount}.", nameof(partial));
        var options = partial.Options;
        // Blocks from `suffix` on are all free: their bounds come from the suffix tables.
        int suffix = slots.Length;
        while (suffix > 0 && !(slots[suffix - 1].IsLayer && options[slots[suffix - 1].Layer] >= 0)) suffix--;

        // Fast path while every block so far has one allowed option: a single channel state (LayerNAS's prefixes).
        long acc = Start;
        int c = 0, s = 0;
        for (; s < suffix; s++)
        {
            var slot = slots[s];
            int o = slot.IsLayer ? options[slot.Layer] : 0;
            if (o < 0) break;
            if (o >= slot.OptionCount)
                throw new ArgumentException($"Partial architecture {partial} has no option {o} at layer {slot.Layer}.", nameof(partial));
            ref readonly var e = ref slot.Entry(c, o);
            acc = Combine(acc, Measure(e));
            c = e.Next;
        }
        if (s == suffix)
            return new CostRange(ToUnit(Scale(Combine(acc, _suffixMin[suffix][c]))), ToUnit(Scale(Combine(acc, _suffixMax[suffix][c]))));
        return Dynamic(partial, slots, s, suffix, c, acc);
    }

    // The general case: a free block before a fixed one. Forward DP over (block, input channels).
    private CostRange Dynamic(PartialArchitecture partial, Slot[] slots, int start, int suffix, int c0, long acc0)
    {
        var options = partial.Options;
        Span<long> lo = stackalloc long[_maxStates], hi = stackalloc long[_maxStates];
        Span<long> nextLo = stackalloc long[_maxStates], nextHi = stackalloc long[_maxStates];
        int states = slots[start].CinValues.Length;
        lo[..states].Fill(long.MaxValue);
        hi[..states].Fill(long.MinValue);
        lo[c0] = hi[c0] = acc0;
        for (int s = start; s < suffix; s++)
        {
            var slot = slots[s];
            int nextStates = slot.NextCinValues.Length;
            nextLo[..nextStates].Fill(long.MaxValue);
            nextHi[..nextStates].Fill(long.MinValue);
            int fixedOption = slot.IsLayer ? options[slot.Layer] : 0;
            if (fixedOption >= slot.OptionCount)
                throw new ArgumentException($"Partial architecture {partial} has no option {fixedOption} at layer {slot.Layer}.", nameof(partial));
            int first = fixedOption >= 0 ? fixedOption : 0, last = fixedOption >= 0 ? fixedOption : slot.OptionCount - 1;
            for (int c = 0; c < states; c++)
            {
                if (lo[c] == long.MaxValue) continue;
                for (int o = first; o <= last; o++)
                {
                    ref readonly var e = ref slot.Entry(c, o);
                    long v = Measure(e);
                    nextLo[e.Next] = Math.Min(nextLo[e.Next], Combine(lo[c], v));
                    nextHi[e.Next] = Math.Max(nextHi[e.Next], Combine(hi[c], v));
                }
            }
            states = nextStates;
            nextLo[..states].CopyTo(lo);
            nextHi[..states].CopyTo(hi);
        }
        long min = long.MaxValue, max = long.MinValue;
        var sufLo = _suffixMin[suffix];
        var sufHi = _suffixMax[suffix];
        for (int c = 0; c < states; c++)
        {
            if (lo[c] == long.MaxValue) continue;
            min = Math.Min(min, Combine(lo[c], sufLo[c]));
            max = Math.Max(max, Combine(hi[c], sufHi[c]));
        }
        return new CostRange(ToUnit(Scale(min)), ToUnit(Scale(max)));
    }

    private long Start => _start;

    private long Measure(in Entry e) => _measure switch { 0 => e.Madds, 1 => e.Params, _ => e.Act };

    private long Combine(long a, long b) => _max ? Math.Max(a, b) : a + b;

    // Activation counts are elements; bytes per element is the scale. Others are counts already.
    private long Scale(long count) => _measure == 2 ? count * (long)_scale : count;

    private double ToUnit(long count) => _measure == 2 ? count : count / 1e6;
}
