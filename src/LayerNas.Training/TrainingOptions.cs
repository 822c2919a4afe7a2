namespace LayerNas.Training;

/// <summary>
/// One training recipe: SGD with Nesterov momentum and weight decay (on every parameter, batch-norm weights and
/// biases included, as torch.optim.SGD over model.parameters()), cross-entropy loss, a per-step learning-rate
/// <see cref="Schedule"/> without warm-up. <see cref="TrainSubset"/> limits the training images (proxy
/// training for search); <see cref="ValidationSubset"/> the validation images scored; <see cref="EvaluateTest"/>
/// turns on the test-set score (final training only: the test set is never used for search). Immutable.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the (subset of the) training split; at least 1.</summary>
    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 128;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;

    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.OneCycle;

    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; } = 4e-5;

    /// <summary>Training images used per epoch (the first N of the seeded split); null = all.</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Validation images scored; null = all of the validation split.</summary>
    public int? ValidationSubset { get; init; }

    /// <summary>Size of the validation split taken from the training images.</summary>
    public int ValidationCount { get; init; } = 10_000;

    /// <summary>Random crop (with padding <see cref="CropPadding"/>) and horizontal flip of training images.</summary>
    public bool Augment { get; init; }

    public int CropPadding { get; init; } = 2;

    /// <summary>libtorch intra-op threads for training (process-wide; 0 = leave libtorch's default).</summary>
    public int Threads { get; init; }

    /// <summary>Score the test set after training (final training; never during search).</summary>
    public bool EvaluateTest { get; init; }

    /// <summary>Measure batch-1 CPU inference latency after training (single thread).</summary>
    public bool MeasureLatency { get; init; } = true;

    /// <summary>
    /// Before scoring, re-estimate batch-norm statistics as exact averages over this many training images (0 = off).
    /// After a few dozen steps the running averages still lag the moving weights and scores come out near chance;
    /// recalibrating makes short proxy trainings rank models (as one-shot NAS methods do before scoring).
    /// </summary>
    public int RecalibrateBatchNorm { get; init; }

    /// <summary>
    /// Seed of the initial weights (libtorch's generator), the train/validation split, shuffling and augmentation
    /// (<see cref="Random"/>) and the dropout masks (a generator of the run's own): the same draws as
    /// bench/torch_reference.py for the same seed.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Quick search-time recipe: 2 epochs on 10,000 images, one-cycle, BN recalibrated on 1,000 images, 2,000 validation images.</summary>
    public static TrainingOptions Proxy { get; } = new() { Epochs = 2, TrainSubset = 10_000, ValidationSubset = 2_000, RecalibrateBatchNorm = 1_000 };

    /// <summary>Final recipe: 10 epochs on the whole train split with augmentation, test set scored.</summary>
    public static TrainingOptions Final { get; } = new() { Epochs = 10, Augment = true, EvaluateTest = true };

    /// <summary>Throws a <see cref="UserInputException"/> naming the setting (JSON name) for values no run can use.</summary>
    public TrainingOptions Validate()
    {
        if (Epochs < 1) throw UserInputException.ForSetting("epochs", $"{Epochs}: train at least 1 epoch.");
        if (BatchSize < 1) throw UserInputException.ForSetting("batch_size", $"{BatchSize}: use a batch of at least 1 image.");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw UserInputException.ForSetting("learning_rate", $"{LearningRate}: give a positive learning rate such as 0.1.");
        if (TrainSubset is < 1) throw UserInputException.ForSetting("train_subset", $"{TrainSubset}: train on at least 1 image.");
        if (ValidationSubset is < 1) throw UserInputException.ForSetting("validation_subset", $"{ValidationSubset}: score at least 1 image.");
        if (RecalibrateBatchNorm < 0) throw UserInputException.ForSetting("recalibrate_batch_norm", $"{RecalibrateBatchNorm}: give 0 (off) or more images.");
        if (Threads < 0) throw UserInputException.ForSetting("threads", $"{Threads}: give 0 (libtorch's default) or more threads.");
        return this;
    }

    /// <summary>The learning rate at step <paramref name="step"/> of <paramref name="total"/>.</summary>
    public double LearningRateAt(long step, long total)
    {
        double t = total <= 1 ? 0 : (double)step / (total - 1);
        switch (Schedule)
        {
            case LearningRateSchedule.Cosine:
                return LearningRate * 0.5 * (1 + Math.Cos(Math.PI * t));
            case LearningRateSchedule.OneCycle:
            {
                const double rise = 0.3, start = 25, end = 1e4;
                double lo = LearningRate / start;
                if (t < rise) return lo + (LearningRate - lo) * (t / rise);
                double u = (t - rise) / (1 - rise);
                double min = LearningRate / end;
                return min + (LearningRate - min) * 0.5 * (1 + Math.Cos(Math.PI * u));
            }
            default:
                return LearningRate;
        }
    }
}
