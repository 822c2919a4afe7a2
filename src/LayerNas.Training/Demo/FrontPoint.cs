using LayerNas.SearchSpaces;

namespace LayerNas.Training.Demo;

/// <summary>The best model of one cost bucket of LayerNAS's final memorial table (proxy reward, percent). Immutable.</summary>
public sealed record FrontPoint(int Bucket, Architecture Architecture, double MAdds, double ProxyValidationAccuracy);
