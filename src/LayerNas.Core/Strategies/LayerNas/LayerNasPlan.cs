namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// How many evaluations a LayerNAS search will make, known before any training: an upper bound that holds
/// for any rewards, and the range seen when the search is simulated with random rewards. Immutable.
/// </summary>
public sealed record LayerNasPlan(
    int Buckets,
    int Keep,
    int UpperBound,
    int PreludeUpperBound,
    IReadOnlyList<int> UpperBoundPerStep,
    int SimulatedMin,
    double SimulatedMean,
    int SimulatedMax,
    int Simulations);
