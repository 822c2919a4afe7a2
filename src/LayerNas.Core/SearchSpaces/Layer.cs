namespace LayerNas.SearchSpaces;

/// <summary>One searchable layer: a name and its ordered, non-empty list of option labels. Immutable.</summary>
public sealed class Layer
{
    public Layer(string name, IReadOnlyList<string> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (options.Count == 0)
            throw new UserInputException($"Layer '{name}' has no options: give it at least one option.");
        Name = name;
        Options = options.ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<string> Options { get; }

    public int Count => Options.Count;

    public override string ToString() => $"{Name} [{string.Join(", ", Options)}]";
}
