namespace LayerNas.SearchSpaces;

/// <summary>
/// An architecture with some layers fixed and the rest free (option <see cref="Free"/>). Immutable.
/// LayerNAS candidates are partial architectures: the layers searched so far are fixed.
/// </summary>
public sealed class PartialArchitecture : IEquatable<PartialArchitecture>
{
    /// <summary>The option value of a layer not fixed yet.</summary>
    public const int Free = -1;

    private readonly int[] _options;

    /// <summary>A partial architecture with option <c>options[l]</c> at layer l, or <see cref="Free"/> (copied).</summary>
    public PartialArchitecture(ReadOnlySpan<int> options) => _options = options.ToArray();

    /// <summary>All layers free.</summary>
    public static PartialArchitecture Empty(int layers)
    {
        var options = new int[layers];
        Array.Fill(options, Free);
        return new PartialArchitecture(options);
    }

    /// <summary>Number of layers.</summary>
    public int Length => _options.Length;

    /// <summary>The option of <paramref name="layer"/>, or <see cref="Free"/>.</summary>
    public int this[int layer] => _options[layer];

    /// <summary>The option (or <see cref="Free"/>) of every layer, in layer order.</summary>
    public ReadOnlySpan<int> Options => _options;

    /// <summary>True when <paramref name="layer"/> has an option.</summary>
    public bool IsFixed(int layer) => _options[layer] != Free;

    /// <summary>True when every layer has an option.</summary>
    public bool IsComplete => Array.IndexOf(_options, Free) < 0;

    /// <summary>A copy with <paramref name="layer"/> fixed to <paramref name="option"/>.</summary>
    public PartialArchitecture Fix(int layer, int option)
    {
        var copy = (int[])_options.Clone();
        copy[layer] = option;
        return new PartialArchitecture(copy);
    }

    /// <summary>True when <paramref name="arch"/> agrees with every fixed layer.</summary>
    public bool Matches(Architecture arch)
    {
        for (int i = 0; i < _options.Length; i++)
            if (_options[i] != Free && _options[i] != arch[i]) return false;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(PartialArchitecture? other) => other is not null && _options.AsSpan().SequenceEqual(other._options);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartialArchitecture p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var o in _options) h.Add(o);
        return h.ToHashCode();
    }

    /// <summary>Like <see cref="Architecture"/>'s form, with '*' for free layers (e.g. <c>2-0-*-*</c>).</summary>
    public override string ToString() => string.Join('-', _options.Select(o => o == Free ? "*" : o.ToString()));
}
