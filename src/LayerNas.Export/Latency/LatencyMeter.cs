using LayerNas.Export.Onnx;
using LayerNas.Export.Runtime;
using LayerNas.Networks.Specs;

namespace LayerNas.Export.Latency;

/// <summary>
/// Measures batch-1 inference latency of ONNX models on this machine with ONNX Runtime (CPU), as
/// <see cref="LatencyOptions"/> says. Calls are serialized (one measurement at a time, so that concurrent
/// measurements do not slow each other down); thread-safe.
/// </summary>
public sealed class LatencyMeter(LatencyOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();

    public LatencyOptions Options { get; } = options.Validate();

    /// <summary>Latency of a serialized ONNX model whose input is [1, channels, resolution, resolution].</summary>
    public LatencyMeasurement Measure(byte[] onnx, int channels, int resolution)
    {
        lock (_gate)
        {
            using var runner = new OnnxModelRunner(onnx, Options.Threads);
            var times = runner.Time([1, channels, resolution, resolution], Options.Warmup, Options.Runs, _time);
            return LatencyMeasurement.From(times, Options.Threads, Options.Statistic);
        }
    }

    /// <summary>Latency of the whole network <paramref name="spec"/> (weights do not change latency: synthetic ones are used).</summary>
    public LatencyMeasurement Measure(NetworkSpec spec) => Measure(OnnxExporter.ExportSynthetic(spec), spec.Input.Channels, spec.Input.Resolution);
}
