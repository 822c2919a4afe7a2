namespace LayerNas.Networks.Specs;

/// <summary>
/// Depthwise-separable conv (MobileNetV1 / MnasNet style): depthwise Conv2d(in, in, kernel, stride, groups=in) → BN →
/// activation → optional squeeze-and-excite → pointwise Conv2d(in, out, 1) → BN → <see cref="PointwiseActivation"/>.
/// Convs have no bias. No residual connection. Immutable.
/// </summary>
public sealed record DepthwiseSeparableSpec : BlockSpec
{
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>Activation after the pointwise conv's BN: MobileNetV1 uses one, MnasNet/EfficientNet use none.</summary>
    public Activation PointwiseActivation { get; init; } = Activation.Relu;

    public SqueezeExciteSpec? SqueezeExcite { get; init; }
}
