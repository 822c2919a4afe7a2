using MathNet.Numerics.Statistics;

namespace LayerNas.Export.Latency;

/// <summary>
/// One measured latency over <see cref="Runs"/> timed runs, in milliseconds: <see cref="Ms"/> is the statistic the
/// options asked for (median by default); median, minimum and 10th/90th percentiles (R-7, linear between ranks)
/// are kept. Immutable.
/// </summary>
public sealed record LatencyMeasurement(double Ms, double MedianMs, double MinMs, double P10Ms, double P90Ms, int Runs, int Threads, LatencyStatistic Statistic)
{
    public static LatencyMeasurement From(double[] times, int threads, LatencyStatistic statistic = LatencyStatistic.Median)
    {
        var sorted = times.Order().ToArray();
        double At(double q) => SortedArrayStatistics.QuantileCustom(sorted, q, QuantileDefinition.R7);
        double median = SortedArrayStatistics.Median(sorted);
        double value = statistic == LatencyStatistic.Min ? sorted[0] : median;
        return new LatencyMeasurement(value, median, sorted[0], At(0.1), At(0.9), sorted.Length, threads, statistic);
    }

    public override string ToString() =>
        $"{Ms:F3} ms {Statistic.ToString().ToLowerInvariant()} (median {MedianMs:F3}, min {MinMs:F3}, p10 {P10Ms:F3}, p90 {P90Ms:F3}; {Runs} runs, {Threads} thread(s))";
}
