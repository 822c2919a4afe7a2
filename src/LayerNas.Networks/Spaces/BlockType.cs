namespace LayerNas.Networks.Spaces;

/// <summary>The kind of a <see cref="BlockTemplate"/>; JSON/YAML: <c>conv</c>, <c>depthwise_separable</c>, <c>inverted_residual</c>.</summary>
public enum BlockType
{
    Conv,
    DepthwiseSeparable,
    InvertedResidual,
}
