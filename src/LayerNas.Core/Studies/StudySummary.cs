namespace LayerNas.Studies;

/// <summary>A study's definition and its progress: trials by state and the best reward so far. Immutable.</summary>
public sealed record StudySummary(
    StudyDefinition Definition,
    DateTimeOffset Created,
    int Pending,
    int Running,
    int Complete,
    int Failed,
    double? BestReward,
    string? BestArchitecture)
{
    /// <summary>Trials in every state.</summary>
    public int Total => Pending + Running + Complete + Failed;
}
