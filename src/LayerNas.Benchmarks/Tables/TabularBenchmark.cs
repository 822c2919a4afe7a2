using System.Collections.Concurrent;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Tables;

/// <summary>
/// A search problem answered by a table: the search reward column, the reported (test) column, the cost
/// columns and, optionally, the simulated training seconds of one evaluation. Immutable and thread-safe.
/// </summary>
public sealed class TabularBenchmark
{
    private readonly ConcurrentDictionary<string, ICostModel> _costModels = new(StringComparer.Ordinal);

    public TabularBenchmark(string name, BenchmarkTable table, string rewardColumn, string reportedColumn,
        IReadOnlyList<CostColumn> costs, string? trainSecondsColumn = null, string rewardName = "reward", double trainSecondsScale = 1)
    {
        Name = name;
        Table = table;
        RewardName = rewardName;
        Rewards = table.Column(rewardColumn);
        Reported = table.Column(reportedColumn);
        RewardColumn = rewardColumn;
        ReportedColumn = reportedColumn;
        Costs = costs;
        foreach (var c in costs) table.Column(c.Column);
        if (trainSecondsColumn is not null)
        {
            var seconds = table.Column(trainSecondsColumn);
            TrainSeconds = trainSecondsScale == 1 ? seconds : seconds.Select(s => s * trainSecondsScale).ToArray();
        }
    }

    public string Name { get; }

    public BenchmarkTable Table { get; }

    public SearchSpace Space => Table.Space;

    /// <summary>Name of the search signal, e.g. <c>valid12</c>.</summary>
    public string RewardName { get; }

    public string RewardColumn { get; }

    public string ReportedColumn { get; }

    /// <summary>Search reward by architecture index (NaN where absent). Do not modify.</summary>
    public double[] Rewards { get; }

    /// <summary>Reported accuracy by architecture index (NaN where absent). Do not modify.</summary>
    public double[] Reported { get; }

    /// <summary>Simulated training seconds of one evaluation by index, or null when the table has none.</summary>
    public double[]? TrainSeconds { get; }

    public IReadOnlyList<CostColumn> Costs { get; }

    /// <summary>
    /// Why this benchmark cannot score architectures (e.g. its accuracy files were not given), or null when it
    /// can. When set, the costs still work but <see cref="Evaluator"/> and <see cref="Oracle"/> throw a
    /// <see cref="UserInputException"/> with this message.
    /// </summary>
    public string? ScoringUnavailable { get; init; }

    /// <summary>A line for the user about how the benchmark was loaded (e.g. how many official files were read); null when there is nothing to say.</summary>
    public string? LoadNote { get; init; }

    /// <summary>Says why an architecture has no reward (e.g. which data file is missing); null: a generic message.</summary>
    public Func<Architecture, string>? MissingRowHint { get; init; }

    /// <summary>The exact cost model of a cost column by its name (e.g. <c>flops</c>).</summary>
    public ICostModel CostModel(string name)
    {
        var column = Costs.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserInputException($"Benchmark '{Name}' has no cost '{name}': use one of {string.Join(", ", Costs.Select(c => c.Name))}.");
        return _costModels.GetOrAdd(column.Name, _ => new EnumeratedCostModel(column.Name, column.Unit, Space, column.Values(Table)));
    }

    public IEvaluator Evaluator() =>
        ScoringUnavailable is null ? new TableEvaluator(this) : throw new UserInputException(ScoringUnavailable);

    /// <summary>
    /// Runs <paramref name="strategy"/> against the table synchronously (no store, no async) until it finishes
    /// or has made <paramref name="budget"/> evaluations; returns the evaluated architectures in order.
    /// Architectures missing from the table are told as failures.
    /// </summary>
    public List<Architecture> Drive(Strategies.ISearchStrategy strategy, int budget = int.MaxValue)
    {
        if (ScoringUnavailable is not null) throw new UserInputException(ScoringUnavailable);
        var evaluated = new List<Architecture>();
        Strategies.SearchLoop.Run(strategy, arch => Table.Contains(arch) ? Rewards[Table.Indexer.IndexOf(arch)] : double.NaN,
            new Strategies.SearchLoopOptions { Budget = budget, AfterTell = (arch, _) => evaluated.Add(arch) });
        return evaluated;
    }

    /// <summary>This benchmark as a search problem: its space, its costs and the table as evaluator (none when <see cref="ScoringUnavailable"/>).</summary>
    public Studies.SearchProblem ToProblem() =>
        new(Name, Space, Costs.Select(c => c.Name).ToArray(), CostModel,
            ScoringUnavailable is null ? Evaluator() : null, scoringUnavailable: ScoringUnavailable);

    /// <summary>Best architectures under <paramref name="constraint"/>, by exhaustive search of the table.</summary>
    public Oracle Oracle(CostConstraint constraint) =>
        ScoringUnavailable is null ? Tables.Oracle.Find(this, constraint) : throw new UserInputException(ScoringUnavailable);

    private sealed class TableEvaluator(TabularBenchmark benchmark) : IEvaluator
    {
        public Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!benchmark.Table.Contains(arch))
                throw new EvaluationFailedException($"{benchmark.Name} has no row for architecture {arch}{Hint(arch)}");
            long i = benchmark.Table.Indexer.IndexOf(arch);
            double reward = benchmark.Rewards[i];
            if (double.IsNaN(reward)) throw new EvaluationFailedException($"{benchmark.Name} has no {benchmark.RewardName} for {arch}{Hint(arch)}");
            var metrics = new Dictionary<string, double> { [MetricNames.TestAccuracy] = benchmark.Reported[i] };
            if (benchmark.TrainSeconds is { } seconds) metrics[MetricNames.TrainSeconds] = seconds[i];
            return Task.FromResult(new Evaluation.Evaluation(reward, metrics));
        }

        private string Hint(Architecture arch) => benchmark.MissingRowHint is { } hint ? ": " + hint(arch) : "";
    }
}
