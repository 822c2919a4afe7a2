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
                    "Costs (layernas cost, layernas plan) work without them.",
            };
        }
        var archive = NatsArchive.LoadCached(natsDirectory);
        var scored = Tables.GetOrAdd((archive.Directory, dataset), key => Build(key.Dataset, archive));
        return new TabularBenchmark(name, scored, $"valid_acc_{epochs:D2}", "test_acc_90", costs, $"train_seconds_{epochs:D2}", $"valid{epochs}")
        {
            MissingRowHint = arch =>
            {
                int index = NatsSizeSpace.OfficialIndex(arch);
                return archive[index] is null
                    ? $"'{archive.FilePath(index)}' is not in --nats-dir ({archive.Count} of {NatsSizeSpace.ArchitectureCount} architecture files there)"
                    : $"'{archive.FilePath(index)}' has no {epochs}-epoch results on {dataset.Name}";
            },
        };
    }

    /// <summary>
    /// The table of one data set: exact <c>flops_M</c>, <c>params_M</c> for every network and, from the archive,
    /// <c>valid_acc_EE</c>, <c>test_acc_EE</c>, <c>train_seconds_EE</c> (EE = 01, 12, 90) and <c>latency_ms</c>
    /// (NaN where the folder has no file).
    /// </summary>
    public static BenchmarkTable Build(NatsDataset dataset, NatsArchive? archive)
    {
        var (flops, parameters) = NatsSizeCosts.ByIndex(dataset);
        var columns = new Dictionary<string, double[]> { ["flops_M"] = flops, ["params_M"] = parameters, ["latency_ms"] = Empty() };
        foreach (var e in Schedules)
        {
            columns[$"valid_acc_{e:D2}"] = Empty();
            columns[$"test_acc_{e:D2}"] = Empty();
            columns[$"train_seconds_{e:D2}"] = Empty();
        }
        if (archive is not null)
        {
            foreach (var record in archive.Records)
            {
                int i = record.Index;
                columns["latency_ms"][i] = record.LatencyMs(dataset);
                foreach (var e in record.Schedules)
                {
                    columns[$"valid_acc_{e:D2}"][i] = record.ValidAccuracy(dataset, e);
                    columns[$"test_acc_{e:D2}"][i] = record.TestAccuracy(dataset, e);
                    columns[$"train_seconds_{e:D2}"][i] = record.SimulatedTrainSeconds(dataset, e);
                }
            }
        }
        string source = archive is null
            ? $"{BenchmarkName(dataset)} (costs only)"
            : $"{BenchmarkName(dataset)} from {archive.Directory} ({archive.Count.ToString("N0", CultureInfo.InvariantCulture)} of 32,768 architectures read)";
        return BenchmarkTable.FromColumns(source, NatsSizeSpace.Space, columns);

        static double[] Empty()
        {
            var values = new double[NatsSizeSpace.ArchitectureCount];
            Array.Fill(values, double.NaN);
            return values;
        }
    }
}
