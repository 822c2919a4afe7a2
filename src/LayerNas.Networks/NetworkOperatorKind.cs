namespace LayerNas.Networks;

/// <summary>What a <see cref="NetworkOperator"/> computes.</summary>
public enum NetworkOperatorKind
{
    /// <summary>Conv2d (+ BN + activation when set). Squeeze-and-excite FCs are 1×1 convs on a 1×1 map.</summary>
    Conv,

    /// <summary>nn.Linear (+ activation).</summary>
    Linear,

    /// <summary>Global average pool (of the features, or the squeeze of an SE).</summary>
    GlobalPool,

    /// <summary>Squeeze-and-excite: the feature map times the per-channel gate.</summary>
    Scale,

    /// <summary>Residual add of a block's input to its output.</summary>
    Add,
}
