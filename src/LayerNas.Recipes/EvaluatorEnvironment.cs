namespace LayerNas.Recipes;

/// <summary>
/// Where this process evaluates, as opposed to what a study is: these settings may differ between the machines
/// working on one study and are not part of its recipe. Immutable.
/// </summary>
public sealed record EvaluatorEnvironment
{
    public static EvaluatorEnvironment Default { get; } = new();

    /// <summary>With a command evaluator: the folder of the per-trial folders (trial file, stdout, stderr, the trainer's outputs).</summary>
    public string LogDirectory { get; init; } = "layernas-logs";

    /// <summary>With a command evaluator: GPU ids; slot i gets <c>CUDA_VISIBLE_DEVICES</c> = id[i mod count] (null: left alone).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>Where training and measurement report progress lines (null: nowhere).</summary>
    public TextWriter? Log { get; init; }
}
