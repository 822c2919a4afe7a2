namespace LayerNas.Export.Latency;

/// <summary>Which statistic of the timed runs is the latency.</summary>
public enum LatencyStatistic
{
    /// <summary>The median run (the default; robust on a quiet machine).</summary>
    Median,

    /// <summary>
    /// The fastest run: on a machine shared with other work, a run is slowed down only by being preempted, so the
    /// minimum estimates the latency of the model itself (docs/latency.md).
    /// </summary>
    Min,
}
