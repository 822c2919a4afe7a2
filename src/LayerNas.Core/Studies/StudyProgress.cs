using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>A snapshot of a running search, reported after each finished trial. Immutable.</summary>
public sealed record StudyProgress(int Completed, int Failed, int Running, double? BestReward, Architecture? BestArchitecture, TimeSpan Elapsed);
