using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Export.Packaging;

/// <summary>The model to export as a point of a network space, with its recorded metrics and how it was found. Immutable.</summary>
public sealed record ExportSource(NetworkSearchSpace Space, Architecture Architecture, IReadOnlyDictionary<string, double> Metrics, string Provenance);
