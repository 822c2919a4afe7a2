namespace LayerNas.Networks.Specs;

/// <summary>
/// Squeeze-and-excite on C channels (torchvision SqueezeExcitation): global average pool → Conv2d(C, squeeze, 1, bias)
/// → <see cref="Activation"/> → Conv2d(squeeze, C, 1, bias) → <see cref="Gate"/> → multiply the input by the gate.
/// MobileNetV3: squeeze = make_divisible(C // 4, 8), ReLU, Hardsigmoid (see <see cref="ForChannels"/>). Immutable.
/// </summary>
public sealed record SqueezeExciteSpec(int SqueezeChannels, Activation Activation = Activation.Relu, Activation Gate = Activation.Hsigmoid)
{
    /// <summary>The squeeze width torchvision's MobileNetV3 uses: make_divisible(channels // reduction, divisor).</summary>
    public static SqueezeExciteSpec ForChannels(int channels, int reduction = 4, int divisor = 8,
        Activation activation = Activation.Relu, Activation gate = Activation.Hsigmoid) =>
        new(Channels.MakeDivisible(channels / reduction, divisor), activation, gate);
}
