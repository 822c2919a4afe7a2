using System.Collections.Concurrent;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Export.Latency;

/// <summary>
/// Measured latencies by architecture (milliseconds). In memory; persisted in a study as each trial's
/// <see cref="MetricNames.LatencyMs"/> metric (see <see cref="LatencyRecordingEvaluator"/>) and read back from the
/// stored trials with <see cref="AddFrom"/> when a study resumes. Thread-safe.
/// </summary>
public sealed class LatencyCache
{
    private readonly ConcurrentDictionary<Architecture, double> _values = new();

    public int Count => _values.Count;

    public bool TryGet(Architecture arch, out double ms) => _values.TryGetValue(arch, out ms);

    public double GetOrAdd(Architecture arch, Func<Architecture, double> measure) => _values.GetOrAdd(arch, measure);

    /// <summary>Takes the latency of every trial that has one; returns how many were added.</summary>
    public int AddFrom(IEnumerable<Trial> trials)
    {
        int added = 0;
        foreach (var t in trials)
            if (t.Metrics.TryGetValue(MetricNames.LatencyMs, out var ms) && double.IsFinite(ms) && _values.TryAdd(t.Architecture, ms))
                added++;
        return added;
    }
}
