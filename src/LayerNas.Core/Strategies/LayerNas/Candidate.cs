using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// A LayerNAS candidate: the layers searched so far (<see cref="Prefix"/>), the complete model that stood in
/// for it (<see cref="Evaluated"/>), its reward and the cost that placed it in a bucket. Immutable.
/// </summary>
public sealed record Candidate(PartialArchitecture Prefix, Architecture Evaluated, double Reward, double BucketCost, double EvaluatedCost);
