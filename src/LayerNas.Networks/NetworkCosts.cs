using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>
/// Exact costs of one network at batch 1. MAdds: multiply-adds of convs and linear layers (SE included; biases,
/// BN, activations, pooling, SE scaling and residual adds not counted). Params: every weight and bias, BN weight
/// and bias. Peak activation: the largest, over operators, of the elements live while it runs (input + output +
/// tensors held for a later residual add or SE scale), times bytes per element. Immutable.
/// </summary>
public sealed record NetworkCosts(long MultiplyAdds, long Parameters, long PeakActivationElements)
{
    public long ActivationBytesFloat32 => PeakActivationElements * 4;

    public long ActivationBytesInt8 => PeakActivationElements;

    public static NetworkCosts Of(NetworkSpec spec) => Of(spec.Operators());

    public static NetworkCosts Of(IReadOnlyList<NetworkOperator> operators)
    {
        try
        {
            return new(operators.Sum(o => o.MultiplyAdds), operators.Sum(o => o.Parameters), operators.Max(o => o.LiveElements));
        }
        catch (OverflowException ex)
        {
            throw TooLarge(ex);
        }
    }

    internal static UserInputException TooLarge(OverflowException ex) => new(
        "The network's costs overflow 64-bit counts: its channels or resolution are unrealistically large; check for a typo.", ex);
}
