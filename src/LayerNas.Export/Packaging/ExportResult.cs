using LayerNas.Export.Latency;
using LayerNas.Export.Runtime;
using LayerNas.Networks;

namespace LayerNas.Export.Packaging;

/// <summary>
/// What an export wrote: the folder, its files, the verifications (<see cref="Verification"/>: model.onnx itself with
/// the exported weights; <see cref="CalibratedVerification"/>: the same graph with weights whose activations are of
/// order 1) and the measured latency. Immutable.
/// </summary>
public sealed record ExportResult(string Directory, IReadOnlyList<string> Files, ExportVerification Verification, ExportVerification CalibratedVerification,
    LatencyMeasurement Latency, NetworkCosts Costs);
