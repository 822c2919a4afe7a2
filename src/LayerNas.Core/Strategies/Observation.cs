using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>The outcome of evaluating one proposed architecture: its reward, or a failure (reward NaN).</summary>
public readonly record struct Observation(Architecture Architecture, double Reward)
{
    /// <summary>True when the evaluation failed (no reward).</summary>
    public bool Failed => double.IsNaN(Reward);

    /// <summary>A failed evaluation of <paramref name="arch"/>.</summary>
    public static Observation Failure(Architecture arch) => new(arch, double.NaN);
}
