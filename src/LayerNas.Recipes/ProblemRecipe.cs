using LayerNas.Benchmarks;
using LayerNas.Benchmarks.Tables;

namespace LayerNas.Recipes;

/// <summary>
/// What a study searches: exactly one of a built-in tabular <see cref="Benchmark"/>, a user's <see cref="Table"/>
/// (CSV) or a network <see cref="Space"/> (built-in name or space file); none means <see cref="DefaultBenchmark"/>.
/// The other properties refine the choice. Immutable.
/// </summary>
public sealed record ProblemRecipe
{
    public const string DefaultBenchmark = "nb201-cifar10";

    /// <summary>A built-in tabular benchmark, e.g. <c>nb201-cifar100</c> (<c>layernas bench</c> lists them).</summary>
    public string? Benchmark { get; init; }

    /// <summary>A network search space: a built-in name (<c>layernas spaces</c>) or a .yaml/.json space file.</summary>
    public string? Space { get; init; }

    /// <summary>A CSV table of your own: an architecture column and numeric columns (docs/tables.md).</summary>
    public string? Table { get; init; }

    /// <summary>With <see cref="Table"/>: the column holding architectures.</summary>
    public string ArchColumn { get; init; } = "arch";

    /// <summary>
    /// The search reward: a benchmark's reward signal (e.g. <c>valid200</c>), or with <see cref="Table"/> the reward
    /// column, or several comma-separated columns that each hold one recorded training (e.g. <c>seed0,seed1,seed2</c>).
    /// </summary>
    public string? Reward { get; init; }

    /// <summary>
    /// How a benchmark or table is queried: <see cref="RewardNoise.None"/> reads the reward (with several reward
    /// columns, their mean); <see cref="RewardNoise.Seed"/> draws one recorded training per query from the seed, the
    /// architecture and the attempt, as real training would differ. Needs a reward with several recorded trainings.
    /// </summary>
    public RewardNoise RewardNoise { get; init; } = RewardNoise.None;

    /// <summary>With <see cref="Table"/>: the column reported as test accuracy (null: the reward column).</summary>
    public string? Reported { get; init; }

    /// <summary>With benchmark <c>nats-sss</c>: the folder of the official NATS-sss-v1_0-50262-simple files.</summary>
    public string? NatsDir { get; init; }

    /// <summary>With a latency cost: the lookup-table file (null: <c>layernas-latency-SPACE.json</c>, measured when missing).</summary>
    public string? LatencyTable { get; init; }

    /// <summary>Which of benchmark, table and space this is.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ProblemKind Kind => Space is not null ? ProblemKind.Space : Table is not null ? ProblemKind.Table : ProblemKind.Benchmark;

    /// <summary>
    /// The tabular benchmark this problem names, queried as <see cref="RewardNoise"/> says: a built-in benchmark (by default
    /// <see cref="DefaultBenchmark"/>) or the user's <see cref="Table"/>, whose <see cref="Reward"/> and <paramref name="cost"/>
    /// columns must be given (every numeric column is a cost the table offers). What <c>layernas search</c> and
    /// <c>layernas bench</c> score on. A network space is not a table: an error naming <c>problem.space</c>.
    /// </summary>
    public TabularBenchmark LoadTable(string? cost)
    {
        Validate();
        if (Kind == ProblemKind.Space)
            throw UserInputException.ForSetting("problem.space", "is a network space, not a table: give a built-in benchmark or a table of your own.");
        var table = Kind == ProblemKind.Table
            ? UserTable(cost)
            : BenchmarkCatalog.Load(new BenchmarkRequest(Benchmark ?? DefaultBenchmark, Reward, NatsDir is { } dir ? Path.GetFullPath(dir) : null));
        if (RewardNoise == RewardNoise.None) return table;
        try
        {
            return table.WithRewardNoise();
        }
        catch (UserInputException ex)
        {
            throw UserInputException.ForSetting("problem.reward_noise", $"seed: {ex.Message}", ex);
        }
    }

    private TabularBenchmark UserTable(string? costName)
    {
        var table = BenchmarkTable.LoadFile(Path.GetFullPath(Table!), ArchColumn);
        var columns = string.Join(", ", table.NumericColumns);
        var reward = Reward ?? throw UserInputException.ForSetting("problem.reward", $"is needed with a table: say which column is the search reward (numeric columns: {columns}).");
        var cost = costName ?? throw UserInputException.ForSetting("cost", $"is needed with a table: say which column is the cost (numeric columns: {columns}).");
        try
        {
            table.Column(cost);
        }
        catch (UserInputException ex)
        {
            throw UserInputException.ForSetting("cost", $"{cost}: {ex.Message}", ex);
        }
        // A column's unit is unknown: costs are printed as plain numbers (not "madds <= 300 madds").
        var costs = table.NumericColumns.Select(c => new CostColumn(c, c, "")).ToArray();
        var name = Path.GetFileNameWithoutExtension(Table!);
        var trainings = reward.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return trainings.Length > 1
            ? TabularBenchmark.FromTrainings(name, table, trainings, Reported, costs)
            : new TabularBenchmark(name, table, reward, Reported ?? reward, costs, rewardName: reward);
    }

    /// <summary>Throws a <see cref="UserInputException"/> naming the setting when the problem is not one of the three.</summary>
    public void Validate()
    {
        int given = (Benchmark is null ? 0 : 1) + (Space is null ? 0 : 1) + (Table is null ? 0 : 1);
        if (given > 1)
            throw UserInputException.ForSetting(Space is not null ? "problem.space" : "problem.table",
                "cannot be combined with another problem: give one of problem.benchmark, problem.table or problem.space.");
        if (RewardNoise != RewardNoise.None && Space is not null)
            throw UserInputException.ForSetting("problem.reward_noise",
                "draws recorded trainings of a benchmark or table, and this problem is a network space: leave it none (training is noisy by itself).");
    }
}
