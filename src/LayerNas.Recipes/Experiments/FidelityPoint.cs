namespace LayerNas.Recipes.Experiments;

/// <summary>One architecture of <see cref="ProxyFidelity"/>: its proxy validation accuracy (%) and its final trainings. Immutable.</summary>
public sealed record FidelityPoint(double Proxy, RetrainedModel Final);
