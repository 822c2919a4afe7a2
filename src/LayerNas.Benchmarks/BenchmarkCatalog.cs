using System.Collections.Concurrent;
using System.IO.Compression;
using LayerNas.Benchmarks.Tables;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks;

/// <summary>
/// The built-in tabular benchmarks, loaded from data embedded in this assembly and cached per process.
/// Thread-safe.
/// </summary>
public static class BenchmarkCatalog
{
    /// <summary>A built-in benchmark: its name, a one-line description, its rewards (first = default) and a loader.</summary>
    public sealed record Entry(string Name, string Description, IReadOnlyList<string> Rewards, Func<BenchmarkRequest, TabularBenchmark> Load);

    private static readonly ConcurrentDictionary<string, BenchmarkTable> Tables = new();

    private static readonly string[] Nb201Ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];
    private static readonly string[] Nb201Edges = ["1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2"];
    private static readonly string[] MacroOps = ["identity", "mb3_k3", "mb6_k5"];

    private static readonly IReadOnlyList<Entry> Registry =
    [
        Nb201("nb201-cifar10", "cifar10", "CIFAR-10", "test_acc_200"),
        Nb201("nb201-cifar100", "cifar100", "CIFAR-100", "test_acc_200_xtest_derived"),
        Nb201("nb201-imagenet16-120", "ImageNet16-120", "ImageNet16-120", "test_acc_200_xtest_derived"),
        new("nas-bench-macro", "NAS-Bench-Macro, CIFAR-10: 8 layers x 3 ops (6,561 networks)", ["seed0"], _ => LoadMacro()),
        .. Nats.NatsSizeBenchmark.CatalogEntries,
    ];

    /// <summary>Names of the NB201 and Macro settings the paper's comparison uses.</summary>
    public static IReadOnlyList<string> ComparisonSet { get; } = ["nb201-cifar10", "nb201-cifar100", "nb201-imagenet16-120", "nas-bench-macro"];

    public static IReadOnlyList<Entry> Entries => Registry;
    public static TabularBenchmark Load(BenchmarkRequest request)
    {
        var entry = Registry.FirstOrDefault(e => e.Name.Equals(request.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw UserInputException.ForSetting("problem.benchmark",
                $"'{request.Name}' is not a benchmark: use one of {string.Join(", ", Registry.Select(e => e.Name))}, or a table of your own (a CSV: --table, problem.table).");
        if (request.Reward is { } reward && !entry.Rewards.Contains(reward, StringComparer.OrdinalIgnoreCase))
            throw UserInputException.ForSetting("problem.reward", $"'{reward}' is not a reward of benchmark '{entry.Name}': use one of {string.Join(", ", entry.Rewards)}.");
        if (request.NatsDirectory is not null && !Nats.NatsSizeBenchmark.CatalogEntries.Any(e => e.Name == entry.Name))
            throw UserInputException.ForSetting("problem.nats_dir",
                $"holds NATS size-space files, which benchmark '{entry.Name}' does not use: drop it, or pick one of {string.Join(", ", Nats.NatsSizeBenchmark.CatalogEntries.Select(e => e.Name))}.");
        return entry.Load(request);
    }

    public static TabularBenchmark Load(string name, string? reward = null) => Load(new BenchmarkRequest(name, reward));

    private static Entry Nb201(string name, string file, string dataset, string reportedColumn) =>
        new(name, $"NAS-Bench-201 / NATS-Bench topology space, {dataset}: 6 cell edges x 5 ops (15,625 cells)", ["valid12", "valid200"], request =>
        {
            var table = Tables.GetOrAdd(name, _ => ReadEmbedded($"data/nb201/nb201_{file}.csv.gz", name, "ops",
                new SearchSpace(name, Nb201Edges.Select(e => new Layer(e, Nb201Ops)).ToArray())));
            bool long200 = string.Equals(request.Reward, "valid200", StringComparison.OrdinalIgnoreCase);
            return new TabularBenchmark(name, table,
                rewardColumn: long200 ? "valid_acc_200_mean" : "valid_acc_12",
                reportedColumn: reportedColumn,
                costs: [new CostColumn("flops", "flops_M_analytic", "MFLOPs"), new CostColumn("params", "params_M_analytic", "M params")],
                trainSecondsColumn: long200 ? "train_time_total_200" : "train_time_per_epoch_200",
                rewardName: long200 ? "valid200" : "valid12",
                trainSecondsScale: long200 ? 1 : 12)
            {
                // 200 epochs were trained with 2 or 3 seeds per cell (s2 is missing for 7,456 cells); 12 epochs once.
                Trainings = long200 ? Recorded(table, "valid200", "valid_acc_200_s0", "valid_acc_200_s1", "valid_acc_200_s2") : null,
            };
        });

    private static TabularBenchmark LoadMacro()
    {
        const string name = "nas-bench-macro";
        var table = Tables.GetOrAdd(name, _ => ReadEmbedded("data/nas-bench-macro/nas_bench_macro_cifar10.csv.gz", name, "arch",
            new SearchSpace(name, Enumerable.Range(1, 8).Select(i => new Layer($"layer{i}", MacroOps)).ToArray())));
        return new TabularBenchmark(name, table, rewardColumn: "test_acc_seed0", reportedColumn: "test_acc_mean",
            // The table counts FLOPs and params; they are offered in millions like NB201's.
            costs: [new CostColumn("flops", "flops", "MFLOPs", 1e-6), new CostColumn("params", "params", "M params", 1e-6)],
            rewardName: "seed0")
        {
            Trainings = Recorded(table, "test", "test_acc_seed0", "test_acc_seed1", "test_acc_seed2"),
        };
    }

    private static RecordedRewards Recorded(BenchmarkTable table, string name, params string[] columns) =>
        new(name, columns, columns.Select(table.Column).ToArray());

    private static BenchmarkTable ReadEmbedded(string resource, string name, string archColumn, SearchSpace space)
    {
        using var stream = typeof(BenchmarkCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return BenchmarkTable.Load(reader, name, archColumn, space);
    }
}
