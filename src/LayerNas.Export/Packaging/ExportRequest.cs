using LayerNas.Export.Latency;
using LayerNas.Networks.Specs;
using LayerNas.Training.Modules;

namespace LayerNas.Export.Packaging;

/// <summary>
/// What to export: the module (spec and weights), where its weights came from, how the architecture was found,
/// and its recorded metrics (accuracies, ...). The module is not disposed by the exporter. Immutable.
/// </summary>
public sealed record ExportRequest(NetworkModule Module, string WeightsDescription, string Provenance)
{
    public NetworkSpec Spec => Module.Spec;

    /// <summary>The search space and architecture string, when the model is a point of a space.</summary>
    public string? Space { get; init; }

    public string? Architecture { get; init; }

    /// <summary>Recorded metrics of the trial (reward, accuracies, ...), shown in the card.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>How the card's latency is measured.</summary>
    public LatencyOptions Latency { get; init; } = new();
}
