namespace LayerNas.Networks.Specs;

/// <summary>
/// Activation after a layer's batch norm (or after a linear layer). Names follow PyTorch:
/// <c>relu</c> = nn.ReLU, <c>relu6</c> = nn.ReLU6, <c>hswish</c> = nn.Hardswish, <c>hsigmoid</c> = nn.Hardsigmoid.
/// </summary>
public enum Activation
{
    None,
    Relu,
    Relu6,
    Hswish,
    Hsigmoid,
}
