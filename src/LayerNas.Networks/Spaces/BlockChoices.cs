namespace LayerNas.Networks.Spaces;

/// <summary>
/// What may vary in one searchable block. A null list means "the backbone's value only". The layer's options are
/// every combination kernel × expansion (ratios then absolute channels) × out × se, in list order, plus a last
/// option <c>drop</c> when <see cref="Droppable"/> (the block becomes the identity; allowed only for stride-1
/// blocks whose backbone input and output channels are equal). Each list must contain the backbone's value so that
/// the backbone is one point of the space. Immutable.
/// </summary>
public sealed record BlockChoices
{
    public IReadOnlyList<int>? Kernel { get; init; }

    public IReadOnlyList<double>? Expansion { get; init; }

    public IReadOnlyList<int>? ExpandedChannels { get; init; }

    public IReadOnlyList<int>? Out { get; init; }

    public IReadOnlyList<bool>? Se { get; init; }

    public bool Droppable { get; init; }
}
