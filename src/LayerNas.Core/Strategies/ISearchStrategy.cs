using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>
/// A search strategy: proposes architectures and learns from their rewards. Never proposes an architecture
/// that violates the constraint or that it proposed before. Deterministic for a seed and a sequence of
/// observations, so its state can be rebuilt by replaying stored trials in proposal order.
/// Not thread-safe: one driver calls it.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>The strategy's kind, for messages (the registry's name identifies a configured strategy).</summary>
    string Name { get; }

    /// <summary>True when the strategy has nothing more to propose, ever.</summary>
    bool IsFinished { get; }

    /// <summary>
    /// Up to <paramref name="maxCount"/> new architectures to evaluate. An empty list while
    /// <see cref="IsFinished"/> is false means: tell me the outstanding results first.
    /// </summary>
    IReadOnlyList<Architecture> Propose(int maxCount);

    /// <summary>Reports the outcome of a proposed architecture.</summary>
    void Tell(Observation observation);
}
