using LayerNas.Evaluation;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;

namespace LayerNas.Training;

/// <summary>
/// Scores an architecture by building its network (<c>build</c>), training it with <see cref="Options"/> and
/// returning the validation accuracy (percent) as the reward. Metrics: <c>train_seconds</c>,
/// <c>images_per_second</c>, <c>latency_ms</c> (batch-1 CPU), <c>params</c>, and <c>test_accuracy</c> only when
/// the options score the test set (final training, never search). The seed is
/// <see cref="TrainingOptions.Seed"/> plus the trial's seed, so a study is reproducible. Concurrent calls (a search's
/// parallel slots) train at once, each on its own thread with <see cref="TrainingOptions.Threads"/> libtorch threads,
/// and give what each gives alone (see <see cref="Trainer"/>). Thread-safe.
/// </summary>
public sealed class TrainingEvaluator : IEvaluator
{
    /// <summary>Metric name: training throughput, images per second.</summary>
    public const string ImagesPerSecond = "images_per_second";

    /// <summary>Metric name: trainable parameters of the trained module.</summary>
    public const string Parameters = "params";

    private readonly Func<Architecture, NetworkSpec> _build;

    public TrainingEvaluator(Func<Architecture, NetworkSpec> build, Trainer trainer, TrainingOptions options)
    {
        _build = build;
        Trainer = trainer;
        Options = options.Validate();
    }

    public Trainer Trainer { get; }

    public TrainingOptions Options { get; }

    public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
    {
        var spec = _build(arch);
        var options = Options with { Seed = unchecked(Options.Seed + context.Seed) };
        var r = await Trainer.TrainAsync(spec, options, cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.TrainSeconds] = r.TrainSeconds,
            [ImagesPerSecond] = r.ImagesPerSecond,
            [Parameters] = r.Parameters,
        };
        if (r.LatencyMs is { } l) metrics[MetricNames.LatencyMs] = l;
        if (r.TestAccuracy is { } t) metrics[MetricNames.TestAccuracy] = t;
        return new Evaluation.Evaluation(r.ValidationAccuracy, metrics);
    }
}
