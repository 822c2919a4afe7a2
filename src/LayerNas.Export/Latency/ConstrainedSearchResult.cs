using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>
/// A LayerNAS search constrained by predicted latency, and its best model measured afterwards: the budget, trials,
/// the best architecture, its reward, its predicted and measured latency (ms). Immutable.
/// </summary>
public sealed record ConstrainedSearchResult(double MaxPredictedMs, int Trials, Architecture Best, double Reward, double PredictedMs, LatencyMeasurement Measured);
