using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// A block of a search space's backbone, with its input channels left to the previous block (so a searched
/// width propagates) and optional <see cref="Search"/> choices. Inverted residuals give their expanded channels
/// either as <see cref="Expansion"/> (a ratio of the input channels: expanded = make_divisible(in × ratio,
/// channel_divisor)) or as absolute <see cref="ExpandedChannels"/>. Immutable.
/// </summary>
public sealed record BlockTemplate
{
    public BlockType Type { get; init; } = BlockType.InvertedResidual;

    public int Out { get; init; }

    public int Kernel { get; init; } = 3;

    public int Stride { get; init; } = 1;

    public Activation Activation { get; init; } = Activation.Relu6;

    /// <summary>Conv blocks only: groups of the conv (1 = dense).</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Depthwise-separable only: activation after the pointwise conv.</summary>
    public Activation PointwiseActivation { get; init; } = Activation.Relu;

    /// <summary>Inverted residual: expansion ratio of the input channels (used when <see cref="ExpandedChannels"/> is null).</summary>
    public double? Expansion { get; init; }

    /// <summary>Inverted residual: absolute expanded channels.</summary>
    public int? ExpandedChannels { get; init; }

    /// <summary>Squeeze-and-excite (depthwise-separable and inverted residual), shaped by the space's <see cref="SqueezeExciteRule"/>.</summary>
    public bool Se { get; init; }

    /// <summary>The searched choices; null = a fixed block (not a layer of the space).</summary>
    public BlockChoices? Search { get; init; }
}
