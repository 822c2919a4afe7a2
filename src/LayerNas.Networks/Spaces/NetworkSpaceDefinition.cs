using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// A layerwise network search space as a user writes it (docs/space-format.md): a backbone (stem, blocks, head,
/// classifier) where some blocks carry <see cref="BlockChoices"/>. Each block with choices is one layer of the
/// <see cref="LayerNas.SearchSpaces.SearchSpace"/>. Load from a file with <see cref="NetworkSpaceLoader"/>; compile
/// with <see cref="NetworkSearchSpace.Create"/>. Immutable.
/// </summary>
public sealed record NetworkSpaceDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required InputSpec Input { get; init; }

    public BatchNormSpec BatchNorm { get; init; } = BatchNormSpec.TorchDefault;

    /// <summary>Divisor for channels computed from expansion ratios (make_divisible). 1 = plain rounding.</summary>
    public int ChannelDivisor { get; init; } = 8;

    public SqueezeExciteRule SqueezeExcite { get; init; } = new();

    /// <summary>The stem conv (type conv); its input is the image.</summary>
    public required BlockTemplate Stem { get; init; }

    public required IReadOnlyList<BlockTemplate> Blocks { get; init; }

    /// <summary>Convs after the blocks (type conv, typically 1×1); not searched.</summary>
    public IReadOnlyList<BlockTemplate> Head { get; init; } = [];

    public required IReadOnlyList<ClassifierTemplate> Classifier { get; init; }
}
