using System.Collections.Concurrent;
using LayerNas.SearchSpaces;

namespace LayerNas.Costs;

/// <summary>
/// A cost model over a small space given by one cost per architecture (a benchmark table). Architectures
/// missing from the table have cost NaN and are not completions of anything. Completion bounds are exact:
/// for each set of fixed layers, the min and max over the table are computed once and cached. Thread-safe.
/// </summary>
public sealed class EnumeratedCostModel : ICostModel
{
    private readonly SearchSpace _space;
    private readonly ArchitectureIndexer _indexer;
    private readonly double[] _costs;
    private readonly ConcurrentDictionary<int, Bounds> _byMask = new();

    /// <param name="costs">Cost of the architecture at each <see cref="ArchitectureIndexer"/> index; NaN where absent.</param>
    public EnumeratedCostModel(string name, string unit, SearchSpace space, double[] costs)
    {
        if (space.LayerCount > 30) throw new ArgumentException("Enumerated cost models support at most 30 layers.", nameof(space));
        _space = space;
        _indexer = new ArchitectureIndexer(space);
        if (costs.LongLength != _indexer.Count)
            throw new ArgumentException($"Expected {_indexer.Count} costs, got {costs.Length}.", nameof(costs));
        Name = name;
        Unit = unit;
        _costs = costs;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Unit { get; }

    /// <inheritdoc />
    public double Cost(Architecture arch) => _costs[_indexer.IndexOf(arch)];

    /// <inheritdoc />
    public CostRange Completions(PartialArchitecture partial)
    {
        int mask = 0;
        for (int i = 0; i < partial.Length; i++)
            if (partial.IsFixed(i)) mask |= 1 << i;
        var bounds = _byMask.GetOrAdd(mask, Build);
        int key = bounds.Key(partial.Options);
        return new CostRange(bounds.Min[key], bounds.Max[key]);
    }

    private Bounds Build(int mask)
    {
        int layers = _space.LayerCount;
        var radix = _space.Layers.Select(l => l.Count).ToArray();
        var stride = new int[layers];
        int size = 1;
        for (int i = layers - 1; i >= 0; i--)
        {
            if ((mask & (1 << i)) == 0) continue;
            stride[i] = size;
            size *= radix[i];
        }
        var min = new double[size];
        var max = new double[size];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        var options = new int[layers];
        for (long n = 0; n < _costs.LongLength; n++)
        {
            double c = _costs[n];
            if (!double.IsNaN(c))
            {
                int key = 0;
                for (int i = 0; i < layers; i++) key += options[i] * stride[i];
                if (c < min[key]) min[key] = c;
                if (c > max[key]) max[key] = c;
            }
            int j = layers - 1;
            while (j >= 0 && ++options[j] == radix[j]) options[j--] = 0;
        }
        return new Bounds(stride, min, max);
    }

    private sealed record Bounds(int[] Stride, double[] Min, double[] Max)
    {
        public int Key(ReadOnlySpan<int> options)
        {
            int key = 0;
            for (int i = 0; i < options.Length; i++)
                if (options[i] >= 0) key += options[i] * Stride[i];
            return key;
        }
    }
}
