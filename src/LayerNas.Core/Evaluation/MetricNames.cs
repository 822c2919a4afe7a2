namespace LayerNas.Evaluation;

/// <summary>Metric names shared by evaluators, stores and reports.</summary>
public static class MetricNames
{
    /// <summary>The accuracy reported for a model (not used for search), in percent.</summary>
    public const string TestAccuracy = "test_accuracy";

    /// <summary>Training time of the evaluation, in seconds (simulated for tables).</summary>
    public const string TrainSeconds = "train_seconds";

    /// <summary>Measured batch-1 inference latency, in milliseconds.</summary>
    public const string LatencyMs = "latency_ms";
}
