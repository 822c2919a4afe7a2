using LayerNas.Recipes;
using LayerNas.Storage;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// Studies created by LayerNas 0.1 stored their search as a list of `search` flags and their strategy settings as
/// PascalCase JSON (LayerNAS settings even for the baselines). They still resume, by `search` and by a `worker`,
/// and report, and end with the trials a study created today makes.
/// </summary>
public sealed class LegacyStudyTests : IDisposable
{
    // What 0.1 stored as StrategySettings for every strategy: JsonSerializer.Serialize(LayerNasOptions) with default options.
    private const string OldSettings =
        """{"Buckets":null,"KeepPerBucket":null,"Edges":1,"BucketBy":0,"Completion":0,"DefaultArchitecture":null,"LayerOrder":null,"ShareEvaluations":false,"GreedyPrelude":true,"PreludePasses":null,"PreludeStart":1,"BestParentsFirst":true}""";

    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "old.db")}";

    // A definition as 0.1 stored it for `layernas search --study NAME --benchmark nas-bench-macro --max-cost 0.6x --strategy S --seed 2`.
    private static StudyDefinition Legacy(string name, string strategy, int budget)
    {
        var today = new StudyRecipe { Problem = new ProblemRecipe { Benchmark = "nas-bench-macro" }, MaxCost = "0.6x", Strategy = new StrategyRecipe(strategy), Seed = 2 }.Build(name);
        var d = today.Definition;
        return new StudyDefinition(name, d.Space, d.CostName, d.MinCost, d.MaxCost, strategy, OldSettings, d.Evaluator, 2, budget)
        {
            Recipe = $"""["--benchmark","nas-bench-macro","--max-cost","0.6x","--strategy","{strategy}","--seed","2"]""",
        };
    }

    private async Task<string[]> TodayAsync(string strategy, int budget)
    {
        var built = new StudyRecipe { Problem = new ProblemRecipe { Benchmark = "nas-bench-macro" }, MaxCost = "0.6x", Strategy = new StrategyRecipe(strategy), Seed = 2, Budget = budget }
            .Build("today");
        await using var memory = new InMemoryStudyStore();
        return StudyProcesses.Outcome(await new StudyRunner(built.Strategy, built.CreateEvaluator(), memory, built.Definition).RunAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("layernas")]
    [InlineData("random")]
    [InlineData("evolution")]
    public async Task OldStudy_ResumedBySearchThenWorker_EndsWithTodaysTrials(string strategy)
    {
        await using (var store = await StudyStores.OpenAsync(Db, CancellationToken.None))
            await store.CreateOrOpenAsync(Legacy("old", strategy, 12), CancellationToken.None);

        var first = await StudyProcesses.RunAsync("search", "--study", "old", "--storage", Db, "--benchmark", "nas-bench-macro", "--max-cost", "0.6x",
            "--strategy", strategy, "--seed", "2", "--budget", "12", "-q");
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(await TodayAsync(strategy, 12), StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "old")));

        await using (var store = await StudyStores.OpenAsync(Db, CancellationToken.None))
            await store.CreateOrOpenAsync(Legacy("old-w", strategy, 20), CancellationToken.None);
        var worker = await StudyProcesses.RunAsync("worker", "--study", "old-w", "--storage", Db, "-q");
        Assert.True(worker.Code == 0, worker.Err);
        Assert.Equal(await TodayAsync(strategy, 20), StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "old-w")));

        var report = await StudyProcesses.RunAsync("report", "--study", "old-w", "--storage", Db, "--out", Path.Combine(_p.Folder, "r"), "-q");
        Assert.True(report.Code == 0, report.Err);
        Assert.True(File.Exists(Path.Combine(_p.Folder, "r", "report.html")));
    }

    [Fact]
    public async Task OldStudy_ResumedWithOtherSettings_RefusedNamingThem()
    {
        await using (var store = await StudyStores.OpenAsync(Db, CancellationToken.None))
            await store.CreateOrOpenAsync(Legacy("old", "layernas", 12), CancellationToken.None);
        var changed = await StudyProcesses.RunAsync("search", "--study", "old", "--storage", Db, "--benchmark", "nas-bench-macro", "--max-cost", "0.6x",
            "--seed", "2", "--buckets", "3", "-q");
        Assert.Equal(2, changed.Code);
        Assert.Contains("was created with strategy settings", changed.Err);
        Assert.Empty(await StudyProcesses.TrialsAsync(Db, "old"));
    }
}
