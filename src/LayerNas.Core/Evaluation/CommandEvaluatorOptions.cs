using System.Text.Json.Nodes;
using LayerNas.SearchSpaces;

namespace LayerNas.Evaluation;

/// <summary>
/// How <see cref="CommandEvaluator"/> runs a user's training command. Immutable.
/// </summary>
/// <param name="Command">The program and its arguments (already split; see <see cref="ArgumentSplitter"/>). The trial file's path is appended.</param>
/// <param name="Space">The search space, for the layer names and option labels written into the trial file.</param>
/// <param name="LogDirectory">Root of the per-trial folders (trial file, stdout, stderr, and the trainer's own outputs).</param>
public sealed record CommandEvaluatorOptions(IReadOnlyList<string> Command, SearchSpace Space, string LogDirectory)
{
    /// <summary>Longest a single attempt may run; then the whole process tree is killed and the attempt fails. Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Working directory of the command (null: the current one).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Free-form settings for the trainer (e.g. epochs, data path), written into the trial file's "settings" and, where
    /// the name does not clash with a field of the trial file, at its top level too. Values that read as JSON (numbers,
    /// true/false) are written as such, others as strings.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>GPU ids; slot i gets <c>CUDA_VISIBLE_DEVICES</c> = Gpus[i mod count] (null: the variable is left alone).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>Optional network spec of an architecture (e.g. layer shapes) written as the trial file's "spec"; null: arch and labels only.</summary>
    public Func<Architecture, JsonNode?>? Spec { get; init; }
}
