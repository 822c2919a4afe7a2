using System.CommandLine;
using LayerNas.Benchmarks;
using LayerNas.Benchmarks.Tables;
using LayerNas.Costs;
using LayerNas.Export.Latency;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Studies;

namespace LayerNas.Cli.Options;

/// <summary>
/// The options that say what to search (a built-in benchmark, a user's table, ...) and under which cost
/// constraint; shared by every command that runs or plans a search.
/// </summary>
public sealed class ProblemOptions
{
    public const string DefaultBenchmark = "nb201-cifar10";

    public Option<string?> Benchmark { get; } = new("--benchmark")
    {
        Description = $"Built-in tabular benchmark: {string.Join(", ", BenchmarkCatalog.Entries.Select(e => e.Name))} (default {DefaultBenchmark}).",
    };

    public Option<string?> Space { get; } = new("--space")
    {
        Description = "A network search space: a built-in one (see `layernas spaces`) or a .yaml/.json space file; costs madds (default), params, activation; scored by the stand-in reward (not accuracy).",
    };

    public Option<FileInfo?> Table { get; } = new("--table") { Description = "Your own table: a CSV with an arch column (one option index per layer) and numeric columns." };

    public Option<string> ArchColumn { get; } = new("--arch-column") { Description = "With --table: the column holding architectures.", DefaultValueFactory = _ => "arch" };

    public Option<string?> Reward { get; } = new("--reward") { Description = "Search reward: valid12 or valid200 for NB201, valid12 or valid90 for nats-sss; with --table, the reward column." };

    public Option<string?> Reported { get; } = new("--reported") { Description = "With --table: the column reported as test accuracy (default: the reward column)." };

    public Option<DirectoryInfo?> NatsDir { get; } = new("--nats-dir") { Description = "Folder of the official NATS-sss-v1_0-50262-simple files (for nats-sss)." };

    public Option<string?> Cost { get; } = new("--cost") { Description = "The constrained cost: flops or params for benchmarks; madds, params, activation, latency (measured, ms) or latency-lut (lookup-table prediction, ms) with --space; with --table, a numeric column." };

    public Option<string> MaxCost { get; } = new("--max-cost")
    {
        Description = "Budget: an absolute cost (e.g. 120) or a fraction of the largest architecture's cost (e.g. 0.5x); 'none' for no limit.",
        DefaultValueFactory = _ => "0.5x",
    };

    public Option<string?> MinCost { get; } = new("--min-cost") { Description = "Lower bound of the cost range, absolute or as a fraction (e.g. 0.2x)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Benchmark, Space, Table, ArchColumn, Reward, Reported, NatsDir, Cost, MaxCost, MinCost })
            command.Options.Add(option);
    }

    /// <summary>The problem, its constrained cost and, for tables, the benchmark (for the oracle).</summary>
    public ResolvedProblem Resolve(ParseResult parse)
    {
        var table = parse.GetValue(Table);
        var benchmarkName = parse.GetValue(Benchmark);
        if (parse.GetValue(Space) is { } spaceName)
        {
            if (table is not null || benchmarkName is not null)
                throw new UserInputException("Give one of --space, --benchmark or --table, not several.");
            var networkSpace = NetworkSpaceCatalog.Resolve(spaceName);
            // Latency costs measure on this machine (a lookup table, once per space): docs/latency.md.
            var spaceProblem = LatencyCosts.IsLatency(parse.GetValue(Cost))
                ? LatencyCosts.Problem(networkSpace, parse.GetValue(Cost)!, new LatencyOptions(), null, Console.Error)
                : networkSpace.ToProblem();
            var spaceCost = spaceProblem.CostModel(parse.GetValue(Cost));
            return new ResolvedProblem(spaceProblem, spaceCost, ParseConstraint(parse, spaceProblem.Space, spaceCost), null);
        }
        if (table is not null && benchmarkName is not null)
            throw new UserInputException("Give either --benchmark or --table, not both.");
        TabularBenchmark benchmark = table is not null
            ? LoadUserTable(table, parse)
            : BenchmarkCatalog.Load(new BenchmarkRequest(benchmarkName ?? DefaultBenchmark, parse.GetValue(Reward), parse.GetValue(NatsDir)?.FullName));
        var problem = benchmark.ToProblem();
        var cost = problem.CostModel(parse.GetValue(Cost));
        var constraint = ParseConstraint(parse, problem.Space, cost);
        return new ResolvedProblem(problem, cost, constraint, benchmark);
    }

    private CostConstraint ParseConstraint(ParseResult parse, SearchSpace space, ICostModel cost)
    {
        var range = cost.Completions(PartialArchitecture.Empty(space.LayerCount));
        var max = parse.GetValue(MaxCost);
        if (string.Equals(max, "none", StringComparison.OrdinalIgnoreCase)) max = null;
        return CostConstraint.Parse(cost, parse.GetValue(MinCost), max, range);
    }

    private TabularBenchmark LoadUserTable(FileInfo file, ParseResult parse)
    {
        var table = BenchmarkTable.LoadFile(file.FullName, parse.GetValue(ArchColumn)!);
        var reward = parse.GetValue(Reward)
            ?? throw new UserInputException($"With --table, say which column is the search reward: --reward COLUMN (numeric columns: {string.Join(", ", table.NumericColumns)}).");
        var costName = parse.GetValue(Cost)
            ?? throw new UserInputException($"With --table, say which column is the cost: --cost COLUMN (numeric columns: {string.Join(", ", table.NumericColumns)}).");
        table.Column(costName);
        var costs = table.NumericColumns.Select(c => new CostColumn(c, c, c)).ToArray();
        return new TabularBenchmark(Path.GetFileNameWithoutExtension(file.Name), table, reward, parse.GetValue(Reported) ?? reward, costs, rewardName: reward);
    }
}
