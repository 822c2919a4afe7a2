using System.Numerics;

namespace LayerNas.SearchSpaces;

/// <summary>
/// A layerwise search space: an ordered list of layers, each with its options. An architecture picks one
/// option per layer. Immutable and thread-safe.
/// </summary>
public sealed class SearchSpace
{
    /// <summary>A space named <paramref name="name"/> with <paramref name="layers"/> in search order (at least one).</summary>
    public SearchSpace(string name, IReadOnlyList<Layer> layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (layers.Count == 0)
            throw new UserInputException($"Search space '{name}' has no layers: give it at least one layer.");
        Name = name;
        Layers = layers.ToArray();
    }

    /// <summary>The space's name, for messages and studies.</summary>
    public string Name { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Number of layers.</summary>
    public int LayerCount => Layers.Count;

    /// <summary>Number of architectures: the product of the option counts (may exceed <see cref="long"/>).</summary>
    public BigInteger Size => Layers.Aggregate(BigInteger.One, (p, l) => p * l.Count);

    /// <summary>Throws a <see cref="UserInputException"/> unless <paramref name="arch"/> belongs to this space.</summary>
    public void Validate(Architecture arch)
    {
        if (arch.Length != LayerCount)
            throw new UserInputException(
                $"Architecture '{arch}' has {arch.Length} layers but space '{Name}' has {LayerCount}: give one option index per layer.");
        for (int i = 0; i < LayerCount; i++)
            if (arch[i] < 0 || arch[i] >= Layers[i].Count)
                throw new UserInputException(
                    $"Architecture '{arch}': layer {i} ('{Layers[i].Name}') has options 0..{Layers[i].Count - 1}, not {arch[i]}.");
    }

    /// <summary>True when <paramref name="arch"/> has one valid option per layer of this space.</summary>
    public bool Contains(Architecture arch)
    {
        if (arch.Length != LayerCount) return false;
        for (int i = 0; i < LayerCount; i++)
            if (arch[i] < 0 || arch[i] >= Layers[i].Count) return false;
        return true;
    }

    /// <summary>Parses and validates an architecture string of this space.</summary>
    public Architecture Parse(string text)
    {
        var arch = Architecture.Parse(text);
        Validate(arch);
        return arch;
    }

    /// <summary>Human-readable form: option labels per layer.</summary>
    public string Describe(Architecture arch) =>
        string.Join(", ", Enumerable.Range(0, LayerCount).Select(i => $"{Layers[i].Name}={Layers[i].Options[arch[i]]}"));

    /// <summary>Enumerates every architecture in mixed-radix order (last layer fastest). Only sensible for small spaces.</summary>
    public IEnumerable<Architecture> Enumerate()
    {
        var options = new int[LayerCount];
        while (true)
        {
            yield return new Architecture(options);
            int i = LayerCount - 1;
            while (i >= 0 && ++options[i] == Layers[i].Count) options[i--] = 0;
            if (i < 0) yield break;
        }
    }

    /// <summary>A uniformly random architecture.</summary>
    public Architecture Sample(Random random)
    {
        var options = new int[LayerCount];
        for (int i = 0; i < options.Length; i++) options[i] = random.Next(Layers[i].Count);
        return new Architecture(options);
    }
}
