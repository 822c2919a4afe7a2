namespace LayerNas.SearchSpaces;

/// <summary>One searchable layer: a name and its ordered, non-empty list of option labels. Immutable.</summary>
public sealed class Layer
{
    /// <summary>A layer named <paramref name="name"/> with its option labels (at least one).</summary>
    public Layer(string name, IReadOnlyList<string> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (options.Count == 0)
            throw new UserInputException($"Layer '{name}' has no options: give it at least one option.");
        Name = name;
        Options = options.ToArray();
    }

    /// <summary>The layer's name, e.g. <c>1&lt;-0</c> or <c>block3</c>.</summary>
    public string Name { get; }

    /// <summary>The options' labels; an architecture picks one by index.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>Number of options.</summary>
    public int Count => Options.Count;

    /// <summary>The layer for messages.</summary>
    public override string ToString() => $"{Name} [{string.Join(", ", Options)}]";
}
