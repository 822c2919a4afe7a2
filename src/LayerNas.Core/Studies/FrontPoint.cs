using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>One model of a search's result: architecture, cost (in the constrained cost's unit), reward and reported metrics. Immutable.</summary>
public sealed record FrontPoint(Architecture Architecture, double Cost, double Reward, IReadOnlyDictionary<string, double> Metrics);
