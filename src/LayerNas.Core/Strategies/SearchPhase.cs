namespace LayerNas.Strategies;

/// <summary>
/// Where a layerwise search is: the step (1-based; <see cref="Steps"/> when finished) and the layer it searches,
/// how many of the step's candidates were proposed, and how full the latest memorial table is. Immutable snapshot.
/// </summary>
public sealed record SearchPhase(int Step, int Steps, string Layer, int StepProposed, int StepCandidates, int BucketsFilled, int Buckets);
