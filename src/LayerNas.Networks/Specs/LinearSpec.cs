namespace LayerNas.Networks.Specs;

/// <summary>nn.Linear(in, out, bias) followed by <see cref="Activation"/>. Immutable.</summary>
public sealed record LinearSpec(int InFeatures, int OutFeatures, bool Bias = true, Activation Activation = Activation.None) : ClassifierLayerSpec;
