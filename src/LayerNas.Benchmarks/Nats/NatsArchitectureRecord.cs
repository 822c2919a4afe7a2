namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// Everything one official NATS size-space file holds that a search needs: for each schedule (1, 12 or 90
/// epochs) and training set, the runs by seed. The accessors follow the NATS-Bench protocol: on CIFAR-10 the
/// validation accuracy comes from the model trained on the train split (<c>cifar10-valid</c>, set
/// <c>x-valid</c>) and the test accuracy from the model trained on train+valid (<c>cifar10</c>, set
/// <c>ori-test</c>); on CIFAR-100 and ImageNet16-120 they are the <c>x-valid</c> and <c>x-test</c> halves of
/// the test set. Means are over seeds, like the official API with <c>is_random=False</c>. Immutable.
/// </summary>
public sealed class NatsArchitectureRecord
{
    private readonly IReadOnlyDictionary<(string Dataset, int Epochs), NatsRuns> _runs;

    public NatsArchitectureRecord(int index, string archString, IEnumerable<NatsRuns> runs)
    {
        Index = index;
        ArchString = archString;
        _runs = runs.ToDictionary(r => (r.Dataset, r.Epochs));
    }

    /// <summary>Official index (0..32,767).</summary>
    public int Index { get; }

    /// <summary>Official arch string, e.g. <c>8:16:32:64:64</c>.</summary>
    public string ArchString { get; }

    /// <summary>Schedules (training epochs) this record holds, ascending.</summary>
    public IReadOnlyList<int> Schedules => _runs.Keys.Select(k => k.Epochs).Distinct().Order().ToArray();

    public bool TryGetRuns(string dataset, int epochs, out NatsRuns runs) => _runs.TryGetValue((dataset, epochs), out runs!);

    /// <summary>The runs on an official training set name with a schedule of <paramref name="epochs"/> epochs.</summary>
    public NatsRuns Runs(string dataset, int epochs) =>
        TryGetRuns(dataset, epochs, out var runs)
            ? runs
            : throw new KeyNotFoundException($"Architecture {Index} ({ArchString}) has no {epochs}-epoch runs on {dataset}.");

    /// <summary>Whether the file holds both the validation and the test runs of a data set for a schedule.</summary>
    public bool Has(NatsDataset dataset, int epochs) =>
        TryGetRuns(ValidSplit(dataset), epochs, out var valid) && valid.FinalAccuracy.ContainsKey("x-valid")
        && TryGetRuns(dataset.Name, epochs, out var test) && test.FinalAccuracy.ContainsKey(TestSet(dataset));

    /// <summary>Validation accuracy (percent) by seed, on the split the NATS-Bench protocol searches with.</summary>
    public IReadOnlyList<double> ValidAccuracyBySeed(NatsDataset dataset, int epochs) => ValidRuns(dataset, epochs).Accuracy("x-valid");

    /// <summary>Mean validation accuracy (percent) over seeds.</summary>
    public double ValidAccuracy(NatsDataset dataset, int epochs) => ValidRuns(dataset, epochs).MeanAccuracy("x-valid");

    /// <summary>Test accuracy (percent) by seed, on the set NATS-Bench reports.</summary>
    public IReadOnlyList<double> TestAccuracyBySeed(NatsDataset dataset, int epochs) => TestRuns(dataset, epochs).Accuracy(TestSet(dataset));

    /// <summary>Mean test accuracy (percent) over seeds.</summary>
    public double TestAccuracy(NatsDataset dataset, int epochs) => TestRuns(dataset, epochs).MeanAccuracy(TestSet(dataset));

    /// <summary>Recorded MFLOPs on the data set (the same for every schedule).</summary>
    public double MFlops(NatsDataset dataset) => AnyRuns(dataset).MFlops;

    /// <summary>Recorded M parameters on the data set.</summary>
    public double MParams(NatsDataset dataset) => AnyRuns(dataset).MParams;

    /// <summary>Recorded latency in milliseconds (of the 12-epoch runs where present), or NaN when the file has none.</summary>
    public double LatencyMs(NatsDataset dataset) => FirstRuns(dataset)?.LatencySeconds is { } s ? s * 1000 : double.NaN;

    /// <summary>
    /// Seconds one search evaluation costs, as the official <c>simulate_train_eval</c> counts it: the whole
    /// training time plus one epoch's validation time, on the split the validation accuracy comes from;
    /// mean over seeds.
    /// </summary>
    public double SimulatedTrainSeconds(NatsDataset dataset, int epochs)
    {
        var runs = ValidRuns(dataset, epochs);
        var eval = runs.EvalSeconds.TryGetValue("x-valid", out var e) ? e : null;
        double total = 0;
        for (int s = 0; s < runs.TrainSeconds.Count; s++)
            total += runs.TrainSeconds[s] + (eval is null ? 0 : eval[s] / runs.Epochs);
        return total / runs.TrainSeconds.Count;
    }

    private NatsRuns ValidRuns(NatsDataset dataset, int epochs) => Runs(ValidSplit(dataset), epochs);

    private static string ValidSplit(NatsDataset dataset) => dataset == NatsDataset.Cifar10 ? "cifar10-valid" : dataset.Name;

    private NatsRuns TestRuns(NatsDataset dataset, int epochs) => Runs(dataset.Name, epochs);

    private static string TestSet(NatsDataset dataset) => dataset == NatsDataset.Cifar10 ? "ori-test" : "x-test";

    private NatsRuns AnyRuns(NatsDataset dataset) =>
        FirstRuns(dataset) ?? throw new KeyNotFoundException($"Architecture {Index} ({ArchString}) has no runs on {dataset.Name}.");

    // The 12-epoch runs first: the official get_latency and get_cost_info default to hp=12.
    private NatsRuns? FirstRuns(NatsDataset dataset) =>
        _runs.Values.Where(r => r.Dataset == dataset.Name).OrderBy(r => r.Epochs == 12 ? 0 : 1).ThenBy(r => r.Epochs).FirstOrDefault();
}
