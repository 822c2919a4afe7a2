using System.Collections.Concurrent;
using System.Globalization;
using LayerNas.Benchmarks.Tables;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// The NATS-Bench size space as built-in benchmarks: <c>nats-sss</c> (CIFAR-10), <c>nats-sss-cifar100</c> and
/// <c>nats-sss-imagenet16-120</c>. Costs (<c>flops</c> in MFLOPs, <c>params</c> in M) are computed for all
/// 32,768 networks; accuracies come from the official files in <see cref="BenchmarkRequest.NatsDirectory"/>.
/// Without that folder the benchmark offers costs only (<see cref="TabularBenchmark.ScoringUnavailable"/>).
/// Rewards: <c>valid12</c> (default; validation accuracy after the 12-epoch schedule, mean over seeds — the
/// NATS-Bench search protocol) or <c>valid90</c>; reported: test accuracy after the 90-epoch schedule;
/// simulated train seconds: <see cref="NatsArchitectureRecord.SimulatedTrainSeconds"/> of the reward's schedule.
/// Loaded tables are cached per process. Thread-safe.
/// </summary>
public static class NatsSizeBenchmark
{
    public const string DefaultName = "nats-sss";

    /// <summary>Schedules (epochs) of the official files.</summary>
    public static IReadOnlyList<int> Schedules { get; } = [1, 12, 90];

    private static readonly ConcurrentDictionary<(string? Directory, NatsDataset Dataset), BenchmarkTable> Tables = new();
    private static readonly ConcurrentDictionary<string, Lazy<NatsScoreTable>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The catalog entries, one per data set.</summary>
    public static IReadOnlyList<BenchmarkCatalog.Entry> CatalogEntries { get; } =
        NatsDataset.All.Select(d => new BenchmarkCatalog.Entry(BenchmarkName(d),
            $"NATS-Bench size space, {d.Name}: 5 stages x 8 channel counts (32,768 networks); accuracies need --nats-dir",
            ["valid12", "valid90"], request => Load(d, request.NatsDirectory, request.Reward))).ToArray();

    /// <summary>The benchmark name of a data set: <c>nats-sss</c> for CIFAR-10, <c>nats-sss-cifar100</c>, <c>nats-sss-imagenet16-120</c>.</summary>
    public static string BenchmarkName(NatsDataset dataset) =>
        dataset == NatsDataset.Cifar10 ? DefaultName : $"{DefaultName}-{dataset.Name.ToLowerInvariant()}";

    /// <summary>
    /// The benchmark on <paramref name="dataset"/>: scored from the official folder <paramref name="natsDirectory"/>,
    /// or costs only when it is null.
    /// </summary>
    public static TabularBenchmark Load(NatsDataset dataset, string? natsDirectory, string? reward = null)
    {
        int epochs = reward is null || reward.Equals("valid12", StringComparison.OrdinalIgnoreCase) ? 12
            : reward.Equals("valid90", StringComparison.OrdinalIgnoreCase) ? 90
            : throw new UserInputException($"Benchmark '{BenchmarkName(dataset)}' has no reward '{reward}': use valid12 or valid90.");
        string name = BenchmarkName(dataset);
        var costs = new CostColumn[] { new("flops", "flops_M", "MFLOPs"), new("params", "params_M", "M params") };
        if (string.IsNullOrWhiteSpace(natsDirectory))
        {
            var table = Tables.GetOrAdd((null, dataset), key => Build(key.Dataset, null));
            return new TabularBenchmark(name, table, $"valid_acc_{epochs:D2}", "test_acc_90", costs, $"train_seconds_{epochs:D2}", $"valid{epochs}")
            {
                ScoringUnavailable = $"{name} has no accuracies without the official NATS-Bench files: {NatsArchive.HowToGet} " +
                    "Its costs (flops, params) work without them, e.g. for layernas plan.",
            };
        }
        var scores = Scores(natsDirectory);
        var scored = Tables.GetOrAdd((scores.Directory, dataset), key => Build(key.Dataset, scores));
        return new TabularBenchmark(name, scored, $"valid_acc_{epochs:D2}", "test_acc_90", costs, $"train_seconds_{epochs:D2}", $"valid{epochs}")
        {
            LoadNote = scored.Source,
            MissingRowHint = arch =>
            {
                int index = NatsSizeSpace.OfficialIndex(arch);
                var path = NatsArchive.PathOf(scores.Directory, index);
                return scores.Has(index)
                    ? $"'{path}' has no {epochs}-epoch results on {dataset.Name}"
                    : $"'{path}' is not in --nats-dir ({scores.Count.ToString("N0", CultureInfo.InvariantCulture)} of 32,768 architecture files there)";
            },
        };
    }

    /// <summary>
    /// The numbers of an official folder, read once per process. Folders with at least
    /// <see cref="CacheThreshold"/> files are cached on disk (<see cref="NatsScoreTable.DefaultCacheDirectory"/>);
    /// smaller ones read in moments anyway.
    /// </summary>
    public static NatsScoreTable Scores(string natsDirectory)
    {
        var full = Path.GetFullPath(natsDirectory);
        var lazy = Loaded.GetOrAdd(full, d => new Lazy<NatsScoreTable>(() =>
        {
            bool large = System.IO.Directory.Exists(d) && System.IO.Directory.EnumerateFiles(d, "*" + NatsArchive.FileSuffix).Skip(CacheThreshold).Any();
            return NatsScoreTable.Load(d, large ? NatsScoreTable.DefaultCacheDirectory() : null);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed read (e.g. a damaged file the user will now replace) must not stick.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<NatsScoreTable>>(full, lazy));
            throw;
        }
    }

    /// <summary>Folders with more architecture files than this are cached on disk between runs.</summary>
    public const int CacheThreshold = 1000;

    /// <summary>
    /// The table of one data set: exact <c>flops_M</c> and <c>params_M</c> for every network and the columns of
    /// <see cref="NatsScoreTable"/> (all NaN without <paramref name="scores"/>).
    /// </summary>
    public static BenchmarkTable Build(NatsDataset dataset, NatsScoreTable? scores)
    {
        var (flops, parameters) = NatsSizeCosts.ByIndex(dataset);
        var columns = new Dictionary<string, double[]> { ["flops_M"] = flops, ["params_M"] = parameters };
        foreach (var column in NatsScoreTable.ColumnNames)
        {
            if (scores is not null)
            {
                columns[column] = scores.Column(dataset, column);
                continue;
            }
            var empty = new double[NatsSizeSpace.ArchitectureCount];
            Array.Fill(empty, double.NaN);
            columns[column] = empty;
        }
        string source = scores is null
            ? $"{BenchmarkName(dataset)} (costs only)"
            : $"{BenchmarkName(dataset)} from {scores.Directory} ({scores.Count.ToString("N0", CultureInfo.InvariantCulture)} of 32,768 architectures read)";
        return BenchmarkTable.FromColumns(source, NatsSizeSpace.Space, columns);
    }
}
