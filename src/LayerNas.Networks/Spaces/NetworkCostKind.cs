namespace LayerNas.Networks.Spaces;

/// <summary>The exact costs a <see cref="NetworkSearchSpace"/> offers as cost models.</summary>
public enum NetworkCostKind
{
    /// <summary><c>madds</c>: multiply-adds of convs and linear layers, in millions (MMAdds).</summary>
    MultiplyAdds,

    /// <summary><c>params</c>: parameters (weights, biases, BN weight and bias), in millions (M).</summary>
    Parameters,

    /// <summary><c>activation</c>: peak activation memory at batch 1, float32, in bytes.</summary>
    ActivationFloat32,

    /// <summary><c>activation-int8</c>: peak activation memory at batch 1, int8, in bytes.</summary>
    ActivationInt8,
}
