using LayerNas.SearchSpaces;

namespace LayerNas.Costs;

/// <summary>
/// An exact, pure cost of the architectures of one search space (MAdds, params, FLOPs, latency, ...).
/// Implementations are thread-safe.
/// </summary>
public interface ICostModel
{
    /// <summary>Short name used on the command line, e.g. <c>flops</c>.</summary>
    string Name { get; }

    /// <summary>Unit of <see cref="Cost"/>, e.g. <c>MFLOPs</c>.</summary>
    string Unit { get; }

    /// <summary>The cost of a complete architecture, in <see cref="Unit"/>.</summary>
    double Cost(Architecture arch);

    /// <summary>
    /// The cheapest and the dearest cost over every completion of <paramref name="partial"/> (its free layers
    /// take any option). Must bracket <see cref="Cost"/> of every completion; exact where possible.
    /// </summary>
    CostRange Completions(PartialArchitecture partial);
}
