namespace LayerNas.Networks.Specs;

/// <summary>nn.Dropout(rate): no parameters and no cost. Immutable.</summary>
public sealed record DropoutSpec(double Rate) : ClassifierLayerSpec;
