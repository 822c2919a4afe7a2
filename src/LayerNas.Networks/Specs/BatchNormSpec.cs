namespace LayerNas.Networks.Specs;

/// <summary>
/// Batch norm settings shared by every BN layer of a network, in PyTorch's convention (momentum is the weight of
/// the new batch statistic). torchvision: MobileNetV2 uses eps 1e-5, momentum 0.1; MobileNetV3 eps 0.001,
/// momentum 0.01. Each BN layer has 2 parameters per channel (weight, bias); running stats are buffers. Immutable.
/// </summary>
public sealed record BatchNormSpec(double Eps = 1e-5, double Momentum = 0.1)
{
    public static BatchNormSpec TorchDefault { get; } = new();
}
