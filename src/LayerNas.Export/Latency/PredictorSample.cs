using LayerNas.SearchSpaces;

namespace LayerNas.Export.Latency;

/// <summary>One architecture's predicted (lookup table) and measured (full model) latency, in milliseconds. Immutable.</summary>
public sealed record PredictorSample(Architecture Architecture, double PredictedMs, double MeasuredMs)
{
    /// <summary>|predicted − measured| / measured.</summary>
    public double RelativeError => Math.Abs(PredictedMs - MeasuredMs) / MeasuredMs;
}
