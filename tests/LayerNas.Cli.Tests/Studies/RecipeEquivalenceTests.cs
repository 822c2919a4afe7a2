using LayerNas.Recipes;
using LayerNas.Storage;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// One recipe, three ways to say it: `search` flags, `search --config FILE` and a C# <see cref="StudyRecipe"/> make
/// the same trials, for every registered strategy and every kind of problem; and a worker rebuilds any of them from
/// the store with nothing but --study and --storage.
/// </summary>
public sealed class RecipeEquivalenceTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "studies.db")}";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var problem in new[] { "benchmark", "table", "space" })
            foreach (var strategy in StrategyRegistry.Names)
                data.Add(problem, strategy);
        return data;
    }

    // The problem as flags, as YAML lines of a recipe file, and as a C# record.
    private (string[] Flags, string Yaml, ProblemRecipe Recipe, string? Cost, string MaxCost) Problem(string kind) => kind switch
    {
        "benchmark" => (["--benchmark", "nb201-cifar100", "--reward", "valid200"], "problem:\n  benchmark: nb201-cifar100\n  reward: valid200\n",
            new ProblemRecipe { Benchmark = "nb201-cifar100", Reward = "valid200" }, null, "0.4x"),
        "table" => (["--table", Table(), "--reward", "acc", "--reported", "test"], $"problem:\n  table: {Table()}\n  reward: acc\n  reported: test\n",
            new ProblemRecipe { Table = Table(), Reward = "acc", Reported = "test" }, "madds", "20"),
        _ => (["--space", "mobilenet-v3-small"], "problem:\n  space: mobilenet-v3-small\n", new ProblemRecipe { Space = "mobilenet-v3-small" }, "params", "0.6x"),
    };

    private string Table()
    {
        var path = Path.Combine(_p.Folder, "table.csv");
        if (!File.Exists(path))
        {
            var lines = new List<string> { "arch,acc,test,madds" };
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                    for (int c = 0; c < 3; c++)
                        for (int d = 0; d < 3; d++)
                            lines.Add($"{a}-{b}-{c}-{d},{(a * 7 + b * 5 + c * 3 + d * 11) % 13 + a + b},{a * 3 + b + c - d},{a * 4 + b * 3 + c * 2 + d}");
            File.WriteAllLines(path, lines);
        }
        return path;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FlagsConfigAndLibrary_SameRecipe_SameTrials(string problemKind, string strategy)
    {
        var (flags, yaml, problem, cost, maxCost) = Problem(problemKind);
        const int Budget = 30, Seed = 3;

        // 1. Flags.
        string[] costFlags = cost is null ? ["--max-cost", maxCost] : ["--cost", cost, "--max-cost", maxCost];
        var byFlags = await StudyProcesses.RunAsync([.. new[] { "search", "--study", "flags", "--storage", Db, "-q" }, .. flags, .. costFlags,
            "--strategy", strategy, "--budget", $"{Budget}", "--seed", $"{Seed}", "--window", "4"]);
        Assert.True(byFlags.Code == 0, byFlags.Err);

        // 2. A recipe file.
        var file = Path.Combine(_p.Folder, $"{problemKind}-{strategy}.yaml");
        await File.WriteAllTextAsync(file, yaml + (cost is null ? "" : $"cost: {cost}\n") + $"max_cost: {maxCost}\nstrategy: {strategy}\nbudget: {Budget}\nseed: {Seed}\nwindow: 4\n");
        var byConfig = await StudyProcesses.RunAsync("search", "--config", file, "--study", "config", "--storage", Db, "-q");
        Assert.True(byConfig.Code == 0, byConfig.Err);

        // 3. The library, in memory.
        var recipe = new StudyRecipe { Problem = problem, Cost = cost, MaxCost = maxCost, Strategy = new StrategyRecipe(strategy), Budget = Budget, Seed = Seed, Window = 4 };
        var built = recipe.Build("library");
        await using var memory = new InMemoryStudyStore();
        var byLibrary = await new StudyRunner(built.Strategy, built.CreateEvaluator(), memory, built.Definition).RunAsync(CancellationToken.None);

        var expected = StudyProcesses.Outcome(byLibrary);
        Assert.Equal(Budget, expected.Length);
        Assert.Equal(expected, StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "flags")));
        Assert.Equal(expected, StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "config")));
        // The three store the same recipe.
        await using var store = await StudyStores.OpenAsync(Db, CancellationToken.None);
        Assert.Equal(recipe with { Problem = problem }, StudyRecipe.Parse((await store.FindAsync("flags", CancellationToken.None))!.Recipe));
        Assert.Equal(recipe, StudyRecipe.Parse((await store.FindAsync("config", CancellationToken.None))!.Recipe));
    }

    [Theory]
    [InlineData("benchmark")]
    [InlineData("table")]
    [InlineData("space")]
    public async Task Worker_StudyCreatedFromALibraryRecipe_NeedsOnlyStudyAndStorage(string problemKind)
    {
        var (_, _, problem, cost, maxCost) = Problem(problemKind);
        var recipe = new StudyRecipe { Problem = problem, Cost = cost, MaxCost = maxCost, Budget = 25, Seed = 1 };
        var built = recipe.Build("lib");
        await using (var store = await StudyStores.OpenAsync(Db, CancellationToken.None))
            await store.CreateOrOpenAsync(built.Definition, CancellationToken.None); // created, nothing run yet
        var worker = await StudyProcesses.RunAsync("worker", "--study", "lib", "--storage", Db, "-q");
        Assert.True(worker.Code == 0, worker.Err);

        await using var memory = new InMemoryStudyStore();
        var uninterrupted = await new StudyRunner(built.NewStrategy(), built.CreateEvaluator(), memory, built.Definition).RunAsync(CancellationToken.None);
        Assert.Equal(StudyProcesses.Outcome(uninterrupted), StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "lib")));
    }

    [Fact]
    public async Task Worker_JoinsAStudyMadeBySearchConfig_TogetherTheyMakeTheUninterruptedTrials()
    {
        var file = Path.Combine(_p.Folder, "study.yaml");
        await File.WriteAllTextAsync(file, $"""
            problem:
              table: {Table()}
              reward: acc
            cost: madds
            max_cost: 20
            evaluator:
              kind: command
              command: {_p.Command(0.15)}
            budget: 16
            window: 4
            """);
        var worker = _p.Start("worker", "--study", "shared", "--storage", Db, "--wait", "60", "-q");
        var search = await StudyProcesses.RunAsync("search", "--config", file, "--study", "shared", "--storage", Db, "-q",
            "--log-dir", Path.Combine(_p.Folder, "logs"));
        Assert.True(search.Code == 0, search.Err);
        Assert.True(worker.WaitForExit(60_000), "the worker did not finish");
        Assert.True(worker.ExitCode == 0, _p.OutputOf(worker));
        var trials = await StudyProcesses.TrialsAsync(Db, "shared");
        Assert.Equal(16, trials.Count);
        Assert.Contains(trials, t => t.Worker!.Contains($":{worker.Id}:"));

        var single = await StudyProcesses.RunAsync("search", "--config", file, "--study", "alone", "--storage", Db, "-q",
            "--log-dir", Path.Combine(_p.Folder, "logs2"));
        Assert.True(single.Code == 0, single.Err);
        Assert.Equal(StudyProcesses.Outcome(await StudyProcesses.TrialsAsync(Db, "alone")), StudyProcesses.Outcome(trials));
    }

    [Fact]
    public async Task PrintConfig_WritesTheRecipeTheFlagsMean_AndItRunsTheSameSearch()
    {
        var (code, yaml, err) = await StudyProcesses.RunAsync("search", "--benchmark", "nas-bench-macro", "--max-cost", "none", "--strategy", "evolution",
            "--strategy-setting", "population=12", "--budget", "40", "--seed", "9", "--print-config");
        Assert.True(code == 0, err);
        Assert.Contains("population: 12", yaml);
        var recipe = StudyRecipe.Parse(yaml, "printed.yaml");
        Assert.Equal(("nas-bench-macro", (string?)null, "evolution", 40, 9), (recipe.Problem.Benchmark, recipe.MaxCost, recipe.Strategy.Name, recipe.Budget!.Value, recipe.Seed));
        var file = Path.Combine(_p.Folder, "printed.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var a = await CliRunner.JsonAsync("search", "--config", file, "--json", "-q");
        var b = await CliRunner.JsonAsync("search", "--benchmark", "nas-bench-macro", "--max-cost", "none", "--strategy", "evolution",
            "--strategy-setting", "population=12", "--budget", "40", "--seed", "9", "--json", "-q");
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Fact]
    public async Task Config_FlagsGivenToo_OverrideTheFilesValues()
    {
        var file = Path.Combine(_p.Folder, "base.yaml");
        await File.WriteAllTextAsync(file, "problem: { benchmark: nb201-cifar10 }\nmax_cost: 0.3x\nseed: 5\nstrategy: { name: layernas, settings: { buckets: 6 } }\n");
        var (code, yaml, err) = await StudyProcesses.RunAsync("search", "--config", file, "--benchmark", "nb201-cifar100", "--seed", "6", "--keep", "3", "--print-config");
        Assert.True(code == 0, err);
        var recipe = StudyRecipe.Parse(yaml, "p.yaml");
        Assert.Equal(("nb201-cifar100", "0.3x", 6), (recipe.Problem.Benchmark, recipe.MaxCost, recipe.Seed));
        var settings = Assert.IsType<Strategies.LayerNas.LayerNasOptions>(recipe.Strategy.ResolvedSettings);
        Assert.Equal((6, 3), (settings.Buckets, settings.KeepPerBucket));
    }

    [Theory]
    [InlineData(new[] { "search", "--buckets", "0" }, "error: --buckets 0: LayerNAS needs at least one cost bucket.")]
    [InlineData(new[] { "search", "--strategy", "evolution", "--strategy-setting", "population=0" }, "error: --strategy-setting population=0: use at least 1.")]
    [InlineData(new[] { "search", "--strategy", "random", "--buckets", "8" }, "error: --buckets is a LayerNAS setting, and strategy 'random' does not take it")]
    [InlineData(new[] { "search", "--strategy", "ppo", "--strategy-setting", "clipp=1" }, "error: --strategy-setting clipp=1: is not a setting here: use one of batch_size, epochs, clip")]
    [InlineData(new[] { "search", "--window", "0" }, "error: --window 0: allow at least one trial in flight.")]
    [InlineData(new[] { "search", "--strategy", "anneal" }, "error: --strategy 'anneal' is not a strategy: use one of layernas, layernas-paper, random, evolution, ppo")]
    public async Task Search_BadSetting_ErrorNamesTheFlag(string[] args, string expected)
    {
        var (code, _, err) = await StudyProcesses.RunAsync(args);
        Assert.Equal(2, code);
        Assert.StartsWith(expected, err);
    }

    [Fact]
    public async Task Search_BadSettingInConfig_ErrorNamesTheFileAndTheSetting()
    {
        var file = Path.Combine(_p.Folder, "bad.yaml");
        await File.WriteAllTextAsync(file, "strategy:\n  name: layernas\n  settings:\n    buckets: 0\n");
        var (code, _, err) = await StudyProcesses.RunAsync("search", "--config", file);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {file}: strategy.settings.buckets 0: LayerNAS needs at least one cost bucket.", err);
    }
}
