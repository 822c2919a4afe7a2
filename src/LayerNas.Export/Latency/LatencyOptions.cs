namespace LayerNas.Export.Latency;

/// <summary>
/// How latency is measured: batch 1, <see cref="Warmup"/> untimed runs, then the median of <see cref="Runs"/> timed
/// runs (or their minimum, see <see cref="Statistic"/>), with <see cref="Threads"/> intra-op threads (fixed so that numbers are comparable). Immutable.
/// </summary>
public sealed record LatencyOptions
{
    public int Warmup { get; init; } = 10;

    public int Runs { get; init; } = 30;

    public int Threads { get; init; } = 1;

    /// <summary>Which statistic of the timed runs is reported as the latency (<see cref="LatencyMeasurement.Ms"/>).</summary>
    public LatencyStatistic Statistic { get; init; } = LatencyStatistic.Median;

    public LatencyOptions Validate()
    {
        if (Warmup < 0 || Runs < 1 || Threads < 1)
            throw new UserInputException($"Latency options warmup {Warmup}, runs {Runs}, threads {Threads}: give warmup >= 0, runs >= 1, threads >= 1.");
        return this;
    }
}
