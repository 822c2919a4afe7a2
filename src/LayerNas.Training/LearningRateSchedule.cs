namespace LayerNas.Training;

/// <summary>How the learning rate moves over the training steps.</summary>
public enum LearningRateSchedule
{
    /// <summary>Cosine decay from the peak at the first step to 0 at the last.</summary>
    Cosine,

    /// <summary>One-cycle: linear rise from peak/25 to the peak over the first 30% of steps, then cosine to peak/1e4.</summary>
    OneCycle,

    /// <summary>Constant.</summary>
    Constant,
}
