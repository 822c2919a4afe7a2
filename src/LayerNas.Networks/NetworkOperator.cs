using LayerNas.Networks.Specs;

namespace LayerNas.Networks;

/// <summary>
/// One operator of a flattened <see cref="NetworkSpec"/> with its shapes (batch 1, square maps). For a
/// <see cref="NetworkOperatorKind.Linear"/> the resolutions are 1. <see cref="Path"/> names the spec element, e.g.
/// <c>blocks[3].expand</c>. <see cref="HeldElements"/> counts other tensors that must stay alive while it runs
/// (a residual block's input until the add; the feature map an SE will scale). Immutable.
/// </summary>
public sealed record NetworkOperator(
    string Path,
    NetworkOperatorKind Kind,
    int InChannels,
    int OutChannels,
    int InResolution,
    int OutResolution,
    int Kernel = 1,
    int Stride = 1,
    int Groups = 1,
    bool Bias = false,
    bool BatchNorm = false,
    Activation Activation = Activation.None,
    long HeldElements = 0)
{
    /// <summary>Elements of the operator's input tensor (batch 1).</summary>
    public long InElements => checked((long)InChannels * InResolution * InResolution);

    /// <summary>Elements of the operator's output tensor (batch 1).</summary>
    public long OutElements => checked((long)OutChannels * OutResolution * OutResolution);

    /// <summary>Elements live while this operator runs: input + output + tensors held for later (<see cref="HeldElements"/>).</summary>
    public long LiveElements => checked(InElements + OutElements + HeldElements);

    /// <summary>Multiply-adds: conv = out elements × in/groups × k²; linear = in × out; pool, scale, add, BN, activations: 0.</summary>
    public long MultiplyAdds => checked(Kind switch
    {
        NetworkOperatorKind.Conv => (long)OutChannels * OutResolution * OutResolution * (InChannels / Groups) * Kernel * Kernel,
        NetworkOperatorKind.Linear => (long)InChannels * OutChannels,
        _ => 0,
    });

    /// <summary>Weights + bias + 2 per channel of batch norm (weight and bias; running stats are buffers).</summary>
    public long Parameters => checked(Kind switch
    {
        NetworkOperatorKind.Conv => (long)OutChannels * (InChannels / Groups) * Kernel * Kernel + (Bias ? OutChannels : 0) + (BatchNorm ? 2L * OutChannels : 0),
        NetworkOperatorKind.Linear => (long)InChannels * OutChannels + (Bias ? OutChannels : 0),
        _ => 0,
    });
}
