namespace LayerNas.Networks.Specs;

/// <summary>
/// Conv2d(in, out, kernel, stride, padding (kernel-1)/2, groups, bias) → optional BatchNorm2d(out) → activation:
/// torchvision's Conv2dNormActivation. Used for stems, head convs and plain conv blocks. With batch norm the
/// conv has no bias (as in torchvision). Immutable.
/// </summary>
public sealed record ConvSpec : BlockSpec
{
    public int Groups { get; init; } = 1;

    public bool Bias { get; init; }

    public bool BatchNorm { get; init; } = true;

    public Activation Activation { get; init; } = Activation.Relu;
}
