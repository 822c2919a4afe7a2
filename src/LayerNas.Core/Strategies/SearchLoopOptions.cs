using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>How <see cref="SearchLoop"/> runs: batch size, evaluation budget and hooks. Immutable.</summary>
public sealed record SearchLoopOptions
{
    /// <summary>One proposal at a time, no budget, no hooks.</summary>
    public static SearchLoopOptions Default { get; } = new();

    /// <summary>Proposals asked for at once; all are told before the next ask (1: the canonical one-at-a-time order).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Most architectures to evaluate.</summary>
    public int Budget { get; init; } = int.MaxValue;

    /// <summary>Called before each proposal with the evaluations so far, and once more at the end; true stops the loop.</summary>
    public Func<int, bool>? Stop { get; init; }

    /// <summary>Called with each proposal before it is scored; false stops the loop without scoring or telling it.</summary>
    public Func<Architecture, bool>? BeforeEvaluate { get; init; }

    /// <summary>Called after each architecture is told, with its reward.</summary>
    public Action<Architecture, double>? AfterTell { get; init; }
}
