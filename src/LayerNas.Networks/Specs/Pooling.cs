namespace LayerNas.Networks.Specs;

/// <summary>How the last feature map becomes a vector before the classifier.</summary>
public enum Pooling
{
    /// <summary>nn.AdaptiveAvgPool2d(1) then flatten.</summary>
    GlobalAverage,
}
