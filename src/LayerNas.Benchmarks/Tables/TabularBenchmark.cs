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
        : this(name, table, rewardName, rewardColumn, table.Column(rewardColumn), reportedColumn, table.Column(reportedColumn), costs,
            trainSecondsColumn is null ? null : Scaled(table.Column(trainSecondsColumn), trainSecondsScale))
    {
    }

    private TabularBenchmark(string name, BenchmarkTable table, string rewardName, string rewardColumn, double[] rewards,
        string reportedColumn, double[] reported, IReadOnlyList<CostColumn> costs, double[]? trainSeconds)
    {
        Name = name;
        Table = table;
        RewardName = rewardName;
        Rewards = rewards;
        Reported = reported;
        RewardColumn = rewardColumn;
        ReportedColumn = reportedColumn;
        Costs = costs;
        foreach (var c in costs) table.Column(c.Column);
        TrainSeconds = trainSeconds;
    }

    /// <summary>
    /// A table with several recorded trainings per architecture, one column each (e.g. seeds): searched noise-free by
    /// their mean, or by one drawn training per query after <see cref="WithRewardNoise"/>. The reported accuracy is
    /// <paramref name="reportedColumn"/>, or the mean of the trainings when it is null.
    /// </summary>
    /// <exception cref="UserInputException">Fewer than two columns, or a column the table does not have.</exception>
    public static TabularBenchmark FromTrainings(string name, BenchmarkTable table, IReadOnlyList<string> rewardColumns,
        string? reportedColumn, IReadOnlyList<CostColumn> costs)
    {
        if (rewardColumns.Count < 2)
            throw new UserInputException($"Several trainings need several reward columns (e.g. seed0,seed1,seed2); {table.Source} got {rewardColumns.Count}.");
        var trainings = new RecordedRewards(string.Join(',', rewardColumns), rewardColumns, rewardColumns.Select(table.Column).ToArray());
        return new TabularBenchmark(name, table, "mean(" + trainings.Name + ")", trainings.Name, trainings.Means,
            reportedColumn ?? "mean(" + trainings.Name + ")", reportedColumn is null ? trainings.Means : table.Column(reportedColumn), costs, null)
        {
            Trainings = trainings,
        };
    }

    private static double[] Scaled(double[] values, double scale) => scale == 1 ? values : values.Select(v => v * scale).ToArray();

    public string Name { get; }

    public BenchmarkTable Table { get; }

    public SearchSpace Space => Table.Space;

    /// <summary>Name of the search signal, e.g. <c>valid12</c>.</summary>
    public string RewardName { get; }

    public string RewardColumn { get; }

    public string ReportedColumn { get; }

    /// <summary>
    /// Search reward by architecture index (NaN where absent). Do not modify. When <see cref="DrawsTrainings"/>, the
    /// noise-free reward: the mean of the recorded trainings, which the oracle and the hit rate use.
    /// </summary>
    public double[] Rewards { get; }

    /// <summary>The recorded trainings per architecture, when the table holds several (null otherwise).</summary>
    public RecordedRewards? Trainings { get; init; }

    /// <summary>True when every query draws one recorded training (<see cref="WithRewardNoise"/>) instead of reading <see cref="Rewards"/>.</summary>
    public bool DrawsTrainings { get; private init; }

    /// <summary>
    /// This benchmark with a stochastic reward: each query returns one recorded training of the architecture,
    /// drawn from the run's seed (<see cref="RecordedRewards.Draw"/>); the reported accuracy stays noise-free.
    /// </summary>
    /// <exception cref="UserInputException">The table holds one training per architecture for this reward.</exception>
    public TabularBenchmark WithRewardNoise()
    {
        if (DrawsTrainings) return this;
        var trainings = Trainings ?? throw new UserInputException(
            $"{Name} / {RewardName} holds one training per architecture, so there is none to draw a noisy reward from: " +
            "search a reward with several recorded trainings (NB201: valid200; NAS-Bench-Macro: its three seeds; a table: several reward columns).");
        // The noise-free reward of a noisy search is the expected draw: the mean of the recorded trainings.
        return new TabularBenchmark(Name, Table, trainings.Name + "~seed", string.Join(',', trainings.Columns), trainings.Means,
            ReportedColumn, Reported, Costs, TrainSeconds)
        {
            Trainings = trainings, DrawsTrainings = true, ScoringUnavailable = ScoringUnavailable, LoadNote = LoadNote, MissingRowHint = MissingRowHint,
        };
    }

    /// <summary>The reward of query <paramref name="attempt"/> of the architecture at <paramref name="index"/> in a run seeded <paramref name="seed"/>: drawn when <see cref="DrawsTrainings"/>, else the table value.</summary>
    public double QueryReward(long index, int seed, int attempt = 1) =>
        DrawsTrainings ? Trainings!.Draw(seed, index, attempt) : Rewards[index];

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
        return _costModels.GetOrAdd(column.Name, _ =>
        {
            var costs = column.Values(Table);
            // An infinite cost would make every bound infinite and a relative budget (0.5x) unconstrained without a word.
            int bad = Array.FindIndex(costs, double.IsInfinity);
            if (bad >= 0)
                throw new UserInputException(
                    $"{Table.Source}: cost '{column.Name}' of {Table.Indexer.At(bad)} is {costs[bad]}: costs must be finite numbers (leave the cell empty where one is unknown).");
            return new EnumeratedCostModel(column.Name, column.Unit, Space, costs);
        });
    }

    /// <summary>The table as an evaluator: reward and reported test accuracy (and training seconds) per architecture. With
    /// <see cref="DrawsTrainings"/>, each trial draws one recorded training from the study's seed, the architecture and
    /// the attempt (<see cref="TrialContext.Seed"/>, <see cref="TrialContext.Attempt"/>).</summary>
    public IEvaluator Evaluator() =>
        ScoringUnavailable is null ? new TableEvaluator(this) : throw new UserInputException(ScoringUnavailable);

    /// <summary>
    /// Runs <paramref name="strategy"/> against the table synchronously (no store, no async) until it finishes
    /// or has made <paramref name="budget"/> evaluations; returns the evaluated architectures in order.
    /// Architectures missing from the table are told as failures; with <see cref="DrawsTrainings"/>, rewards are drawn
    /// for run <paramref name="seed"/>.
    /// </summary>
    public List<Architecture> Drive(Strategies.ISearchStrategy strategy, int budget = int.MaxValue, int seed = 0)
    {
        if (ScoringUnavailable is not null) throw new UserInputException(ScoringUnavailable);
        var evaluated = new List<Architecture>();
        Strategies.SearchLoop.Run(strategy, arch => Table.Contains(arch) ? QueryReward(Table.Indexer.IndexOf(arch), seed) : double.NaN,
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
            double reward = benchmark.QueryReward(i, context.Seed, context.Attempt);
            if (double.IsNaN(reward)) throw new EvaluationFailedException($"{benchmark.Name} has no {benchmark.RewardName} for {arch}{Hint(arch)}");
            var metrics = new Dictionary<string, double> { [MetricNames.TestAccuracy] = benchmark.Reported[i] };
            if (benchmark.TrainSeconds is { } seconds) metrics[MetricNames.TrainSeconds] = seconds[i];
            return Task.FromResult(new Evaluation.Evaluation(reward, metrics));
        }

        private string Hint(Architecture arch) => benchmark.MissingRowHint is { } hint ? ": " + hint(arch) : "";
    }
}
