using LayerNas.SearchSpaces;

namespace LayerNas.Reporting;

/// <summary>
/// One model of the cost/reward front: the cost bucket of the final memorial table it won (null for a Pareto front
/// of trials), the evaluated architecture, its cost, reward and metrics (empty when the trial is not in the study). Immutable.
/// </summary>
public sealed record FrontEntry(int? Bucket, Architecture Architecture, double Cost, double Reward, IReadOnlyDictionary<string, double> Metrics);
