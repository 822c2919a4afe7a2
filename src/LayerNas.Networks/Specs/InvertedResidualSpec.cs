using System.Text.Json.Serialization;

namespace LayerNas.Networks.Specs;

/// <summary>
/// MobileNetV2/V3 inverted residual, exactly as torchvision builds it:
/// <list type="number">
/// <item>expand: Conv2d(in, expanded, 1) → BN → activation, present only when expanded ≠ in;</item>
/// <item>depthwise: Conv2d(expanded, expanded, kernel, stride, groups=expanded) → BN → activation;</item>
/// <item>optional squeeze-and-excite on the expanded channels;</item>
/// <item>project: Conv2d(expanded, out, 1) → BN (no activation);</item>
/// <item>residual add of the block input when stride is 1 and in = out.</item>
/// </list>
/// Convs have no bias. Immutable.
/// </summary>
public sealed record InvertedResidualSpec : BlockSpec
{
    /// <summary>Channels after the expand conv (torchvision V2: round(in × expand_ratio); V3: given per block).</summary>
    public required int ExpandedChannels { get; init; }

    public Activation Activation { get; init; } = Activation.Relu6;

    public SqueezeExciteSpec? SqueezeExcite { get; init; }

    [JsonIgnore]
    public bool HasExpand => ExpandedChannels != InChannels;

    [JsonIgnore]
    public bool HasResidual => Stride == 1 && InChannels == OutChannels;
}
