using System.Text.Json.Serialization;
using LayerNas.Training;

namespace LayerNas.Recipes;

/// <summary>
/// How a study scores candidates: the <see cref="Kind"/> and, for training, the data set and proxy recipe, or for
/// a command, the command line, its settings and timeout. What differs between machines (log folder, GPU ids) is
/// not here but in <see cref="EvaluatorEnvironment"/>. Immutable.
/// </summary>
public sealed record EvaluatorRecipe
{
    public EvaluatorKind Kind { get; init; } = EvaluatorKind.Auto;

    /// <summary>With <see cref="EvaluatorKind.Train"/>: the data set (fashion-mnist, idx:DIR, cifar10:DIR, cifar100:DIR, folder:DIR).</summary>
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>
    /// With <see cref="EvaluatorKind.Train"/>: the proxy recipe each candidate is trained with (null: <see cref="TrainingOptions.Proxy"/>;
    /// in a file, the settings given replace the proxy preset's). Its seed is the study's.
    /// </summary>
    [JsonConverter(typeof(ProxyTrainingConverter))]
    public TrainingOptions? Training { get; init; }

    /// <summary>With <see cref="EvaluatorKind.Command"/>: the training command, split into words like a shell would (no shell runs it).</summary>
    public string? Command { get; init; }

    /// <summary>With <see cref="EvaluatorKind.Command"/>: KEY=VALUE settings for the trainer, written into each trial file.</summary>
    [JsonConverter(typeof(ScalarDictionaryConverter))]
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>With <see cref="EvaluatorKind.Command"/>: seconds one attempt may run before its process tree is killed (null: no limit).</summary>
    public double? Timeout { get; init; }

    /// <summary>The proxy recipe in effect: <see cref="Training"/> or <see cref="TrainingOptions.Proxy"/>.</summary>
    [JsonIgnore]
    public TrainingOptions ResolvedTraining => Training ?? TrainingOptions.Proxy;

    public bool Equals(EvaluatorRecipe? other) =>
        other is not null && Kind == other.Kind && Dataset == other.Dataset && Equals(ResolvedTraining, other.ResolvedTraining)
        && Command == other.Command && Timeout == other.Timeout
        && (Settings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual((other.Settings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Kind, Dataset, Command, Timeout);
}
