using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using LayerNas.Costs;
using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>
/// The feasible architectures of a small space under one cost constraint, enumerated once and cached per
/// (space, cost model, constraint), with prefix feasibility for every leading run of layers. Lets strategies
/// check feasibility and mask layerwise sampling with array lookups instead of cost-model calls.
/// Immutable and thread-safe.
/// </summary>
public sealed class FeasibleSet
{
    /// <summary>Largest space (architecture count) that is enumerated; larger spaces use the cost model directly.</summary>
    public const long EnumerationLimit = 1 << 22;

    private static readonly ConditionalWeakTable<ICostModel, ConcurrentDictionary<(SearchSpace, CostConstraint), FeasibleSet>> Cache = new();

    private readonly int[] _indices;
    private readonly int[][] _prefix; // _prefix[l][v]: feasible architectures whose first l layers have mixed-radix value v
    private readonly bool[] _feasible;
    private readonly int[] _radix;
    private readonly long[] _suffix; // _suffix[l]: architectures per value of the first l layers

    private readonly Lazy<double[]> _costs;
    private readonly Lazy<int[]> _options;
    private readonly Lazy<byte[]> _firstChanges;

    private FeasibleSet(StrategyContext context)
    {
        Indexer = new ArchitectureIndexer(context.Space);
        int layers = context.Space.LayerCount;
        _radix = context.Space.Layers.Select(l => l.Count).ToArray();
        var feasible = new bool[Indexer.Count];
        var list = new List<int>();
        int index = 0;
        foreach (var arch in context.Space.Enumerate())
        {
            if (context.IsFeasible(arch)) { feasible[index] = true; list.Add(index); }
            index++;
        }
        _indices = list.ToArray();
        _costs = new Lazy<double[]>(() => _indices.Select(i => context.Cost.Cost(Indexer.At(i))).ToArray());
        _options = new Lazy<int[]>(() => _indices.SelectMany(i => Indexer.At(i).Options.ToArray()).ToArray());
        _firstChanges = new Lazy<byte[]>(FirstChangesOf);
        _feasible = feasible;
        _prefix = new int[layers + 1][];
        _prefix[layers] = feasible.Select(f => f ? 1 : 0).ToArray();
        _suffix = new long[layers + 1];
        _suffix[layers] = 1;
        for (int l = layers - 1; l >= 0; l--)
        {
            _suffix[l] = _suffix[l + 1] * _radix[l];
            var below = _prefix[l + 1];
            var level = new int[below.Length / _radix[l]];
            for (int v = 0; v < level.Length; v++)
                for (int o = 0; o < _radix[l]; o++) level[v] += below[v * _radix[l] + o];
            _prefix[l] = level;
        }
    }

    /// <summary>Costs of the feasible architectures in <see cref="Indices"/> order, computed on first use. Do not modify.</summary>
    public double[] Costs => _costs.Value;

    /// <summary>
    /// The options of the feasible architectures in <see cref="Indices"/> order, <see cref="Layers"/> per architecture
    /// (architecture i's option of layer l at <c>i * Layers + l</c>), built on first use. Do not modify.
    /// </summary>
    public int[] Options => _options.Value;

    /// <summary>
    /// For each feasible architecture in <see cref="Indices"/> order, the first layer whose option differs from the previous
    /// one's (0 for the first): in index order mostly the last layers, so sums over the layers can carry over their
    /// prefix. Built on first use; do not modify.
    /// </summary>
    public byte[] FirstChanges => _firstChanges.Value;

    private byte[] FirstChangesOf()
    {
        var options = Options;
        int layers = Layers;
        if (layers > byte.MaxValue) throw new InvalidOperationException($"{layers} layers: FirstChanges holds at most {byte.MaxValue}.");
        var first = new byte[_indices.Length];
        for (int i = 1; i < first.Length; i++)
        {
            int l = 0;
            while (l < layers && options[i * layers + l] == options[(i - 1) * layers + l]) l++;
            first[i] = (byte)l;
        }
        return first;
    }

    /// <summary>Layers per architecture in <see cref="Options"/>.</summary>
    public int Layers => _radix.Length;

    /// <summary>The dense index of the space's architectures (mixed radix, last layer fastest).</summary>
    public ArchitectureIndexer Indexer { get; }

    /// <summary>Number of feasible architectures.</summary>
    public int Count => _indices.Length;

    /// <summary>Indices of the feasible architectures, ascending. Do not modify.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>True when the architecture at dense index <paramref name="index"/> is feasible.</summary>
    public bool Contains(long index) => _feasible[index];

    /// <summary>True when <paramref name="arch"/> is feasible.</summary>
    public bool Contains(Architecture arch) => Contains(Indexer.IndexOf(arch));

    /// <summary>
    /// True when some feasible architecture has the first <paramref name="length"/> layers given by
    /// <paramref name="prefixValue"/> (their mixed-radix value: <c>v = v * options(l) + option(l)</c> for l in order).
    /// </summary>
    public bool PrefixCanBeFeasible(int length, long prefixValue) => _prefix[length][prefixValue] > 0;

    /// <summary>
    /// A fresh copy of the feasible counts per prefix: <c>counts[l][v]</c> feasible architectures start with the
    /// first l layers of value v. Strategies that sample without replacement decrement it with <see cref="Remove"/>.
    /// </summary>
    public int[][] PrefixCounts() => _prefix.Select(level => (int[])level.Clone()).ToArray();

    /// <summary>Takes the feasible architecture at <paramref name="index"/> out of <paramref name="counts"/> (from <see cref="PrefixCounts"/>).</summary>
    public void Remove(int[][] counts, long index)
    {
        for (int l = 0; l < counts.Length; l++) counts[l][index / _suffix[l]]--;
    }

    /// <summary>The cached set of <paramref name="context"/>'s space and constraint, or null when the space is too large to enumerate.</summary>
    public static FeasibleSet? TryGet(StrategyContext context)
    {
        if (context.Space.Size > new BigInteger(EnumerationLimit)) return null;
        var byConstraint = Cache.GetValue(context.Cost, _ => new ConcurrentDictionary<(SearchSpace, CostConstraint), FeasibleSet>());
        return byConstraint.GetOrAdd((context.Space, context.Constraint), _ => new FeasibleSet(context));
    }
}
