namespace LayerNas.Training;

/// <summary>
/// What one training run measured. Accuracies in percent; <see cref="TestAccuracy"/> is null unless the test set
/// was scored; <see cref="LatencyMs"/> is the median batch-1 CPU inference time (null when not measured).
/// <see cref="ImagesPerSecond"/> counts training images over training wall time (forward + backward + step,
/// batch preparation included). Immutable.
/// </summary>
public sealed record TrainingResult(
    double ValidationAccuracy,
    double? TestAccuracy,
    double TrainSeconds,
    double ImagesPerSecond,
    double? LatencyMs,
    IReadOnlyList<double> EpochLosses,
    long Parameters);
