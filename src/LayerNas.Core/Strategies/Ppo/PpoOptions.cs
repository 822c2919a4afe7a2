using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.Ppo;

/// <summary>
/// PPO settings (see docs/benchmarks.md for why these values). Immutable.
/// </summary>
public sealed record PpoOptions : IStrategyOptions
{
    /// <summary>Told results per policy update.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Gradient steps over each batch.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>PPO clip range epsilon: the probability ratio is clipped to [1 - eps, 1 + eps].</summary>
    public double Clip { get; init; } = 0.2;

    /// <summary>Adam step size on the logits.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Decay of the exponential moving average of batch rewards used as the baseline.</summary>
    public double BaselineDecay { get; init; } = 0.9;

    /// <summary>Policy samples drawn per proposal before falling back to a uniform unseen feasible architecture (all repeats).</summary>
    public int MaxResamples { get; init; } = 100;

    /// <summary>The settings of docs/benchmarks.md.</summary>
    public static PpoOptions Default { get; } = new();

    /// <inheritdoc />
    public void Validate(SearchSpace space)
    {
        if (BatchSize < 1) throw UserInputException.ForSetting("batch_size", $"{BatchSize}: use at least 1.");
        if (Epochs < 1) throw UserInputException.ForSetting("epochs", $"{Epochs}: use at least 1.");
        if (!(Clip > 0)) throw UserInputException.ForSetting("clip", $"{Clip}: use a positive value such as 0.2.");
        if (!(LearningRate > 0)) throw UserInputException.ForSetting("learning_rate", $"{LearningRate}: use a positive value such as 0.05.");
        if (!(BaselineDecay >= 0 && BaselineDecay < 1)) throw UserInputException.ForSetting("baseline_decay", $"{BaselineDecay}: use a value in [0, 1).");
        if (MaxResamples < 1) throw UserInputException.ForSetting("max_resamples", $"{MaxResamples}: use at least 1.");
    }
}
