using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>A snapshot of a running search, reported after each finished trial. Immutable.</summary>
public sealed record StudyProgress(int Completed, int Failed, int Running, double? BestReward, Architecture? BestArchitecture, TimeSpan Elapsed)
{
    /// <summary>The strategy's phase (LayerNAS: layer and memorial-table fill), when it has phases.</summary>
    public Strategies.SearchPhase? Phase { get; init; }
}
