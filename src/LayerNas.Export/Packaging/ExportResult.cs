using LayerNas.Export.Latency;
using LayerNas.Export.Runtime;
using LayerNas.Networks;

namespace LayerNas.Export.Packaging;

/// <summary>What an export wrote: the folder, its files, the verification and the measured latency. Immutable.</summary>
public sealed record ExportResult(string Directory, IReadOnlyList<string> Files, ExportVerification Verification, LatencyMeasurement Latency, NetworkCosts Costs);
