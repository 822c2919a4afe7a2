using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// How a space shapes every squeeze-and-excite: squeeze = make_divisible(channels // reduction, divisor), as
/// torchvision's MobileNetV3 does (reduction 4, divisor 8, ReLU, Hardsigmoid). Immutable.
/// </summary>
public sealed record SqueezeExciteRule(int Reduction = 4, int Divisor = 8, Activation Activation = Activation.Relu, Activation Gate = Activation.Hsigmoid)
{
    public SqueezeExciteSpec For(int channels) => SqueezeExciteSpec.ForChannels(channels, Reduction, Divisor, Activation, Gate);
}
