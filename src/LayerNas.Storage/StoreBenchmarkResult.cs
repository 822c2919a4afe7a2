namespace LayerNas.Storage;

/// <summary>One store throughput measurement: trials completed by <see cref="Workers"/> runners in <see cref="Elapsed"/> wall-clock time. Immutable.</summary>
public sealed record StoreBenchmarkResult(string Store, int Workers, int Parallel, int Trials, TimeSpan Elapsed)
{
    /// <summary>Completed trials per second of wall-clock time.</summary>
    public double TrialsPerSecond => Trials / Elapsed.TotalSeconds;

    /// <summary>Wall-clock milliseconds per trial: what coordination adds to each evaluation.</summary>
    public double MillisecondsPerTrial => Elapsed.TotalMilliseconds / Trials;
}
