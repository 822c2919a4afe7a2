namespace LayerNas.Networks.Specs;

/// <summary>The network input: a square image of <see cref="Resolution"/>² pixels with <see cref="Channels"/> channels (batch 1 for costs). Immutable.</summary>
public sealed record InputSpec(int Resolution, int Channels);
