namespace LayerNas.SearchSpaces;

/// <summary>
/// An architecture with some layers fixed and the rest free (option <see cref="Free"/>). Immutable.
/// LayerNAS candidates are partial architectures: the layers searched so far are fixed.
/// </summary>
public sealed class PartialArchitecture : IEquatable<PartialArchitecture>
{
    public const int Free = -1;

    private readonly int[] _options;

    public PartialArchitecture(ReadOnlySpan<int> options) => _options = options.ToArray();

    /// <summary>All layers free.</summary>
    public static PartialArchitecture Empty(int layers)
    {
        var options = new int[layers];
        Array.Fill(options, Free);
        return new PartialArchitecture(options);
    }

    public int Length => _options.Length;

    public int this[int layer] => _options[layer];

    public ReadOnlySpan<int> Options => _options;

    public bool IsFixed(int layer) => _options[layer] != Free;

    public bool IsComplete => Array.IndexOf(_options, Free) < 0;

    public PartialArchitecture Fix(int layer, int option)
    {
        var copy = (int[])_options.Clone();
        copy[layer] = option;
        return new PartialArchitecture(copy);
    }

    public bool Matches(Architecture arch)
    {
        for (int i = 0; i < _options.Length; i++)
            if (_options[i] != Free && _options[i] != arch[i]) return false;
        return true;
    }

    public bool Equals(PartialArchitecture? other) => other is not null && _options.AsSpan().SequenceEqual(other._options);

    public override bool Equals(object? obj) => obj is PartialArchitecture p && Equals(p);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var o in _options) h.Add(o);
        return h.ToHashCode();
    }

    /// <summary>Like <see cref="Architecture"/>'s form, with '*' for free layers (e.g. <c>2-0-*-*</c>).</summary>
    public override string ToString() => string.Join('-', _options.Select(o => o == Free ? "*" : o.ToString()));
}
