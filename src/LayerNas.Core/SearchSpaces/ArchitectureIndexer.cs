namespace LayerNas.SearchSpaces;

/// <summary>
/// Maps the architectures of a small space to dense indices 0..Count-1 in mixed-radix order (last layer
/// fastest), the order of <see cref="SearchSpace.Enumerate"/>. Thread-safe.
/// </summary>
public sealed class ArchitectureIndexer
{
    private readonly int[] _radix;
    private readonly long[] _stride;

    /// <summary>The index of <paramref name="space"/>'s architectures.</summary>
    public ArchitectureIndexer(SearchSpace space)
    {
        _radix = space.Layers.Select(l => l.Count).ToArray();
        _stride = new long[_radix.Length];
        long stride = 1;
        for (int i = _radix.Length - 1; i >= 0; i--)
        {
            _stride[i] = stride;
            stride = checked(stride * _radix[i]);
        }
        Count = stride;
    }

    /// <summary>Number of architectures in the space.</summary>
    public long Count { get; }

    /// <summary>The dense index of <paramref name="arch"/> (mixed radix, last layer fastest).</summary>
    public long IndexOf(Architecture arch)
    {
        long index = 0;
        for (int i = 0; i < _radix.Length; i++) index += arch[i] * _stride[i];
        return index;
    }

    /// <summary>The architecture at <paramref name="index"/>.</summary>
    public Architecture At(long index)
    {
        var options = new int[_radix.Length];
        for (int i = 0; i < options.Length; i++) options[i] = (int)(index / _stride[i] % _radix[i]);
        return new Architecture(options);
    }
}
