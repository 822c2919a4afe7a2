using LayerNas.Benchmarks.Tables;
using LayerNas.Recipes;
using LayerNas.Strategies;
using LayerNas.Studies;

namespace LayerNas.Cli.Tests.Studies;

/// <summary>
/// `search --reward-noise seed`: each trial draws one recorded training of its architecture (as `bench --reward-noise
/// seed` does), reproducibly, so a stopped and resumed study makes the uninterrupted trials; the recipe, the flags
/// and the library agree; a reward with one training is refused by its flag; another reward cannot resume a study.
/// </summary>
public sealed class RewardNoiseStudyTests : IDisposable
{
    private readonly StudyProcesses _p = new();

    public void Dispose() => _p.Dispose();

    private string Db => $"sqlite:{Path.Combine(_p.Folder, "studies.db")}";

    private static readonly string[] Noisy = ["--benchmark", "nb201-cifar10", "--reward", "valid200", "--reward-noise", "seed", "--strategy", "random", "--seed", "3", "-q"];

    [Fact]
    public async Task Search_SeedNoise_DrawsRecordedTrainings_AndAResumedStudyMakesTheUninterruptedTrials()
    {
        var half = await StudyProcesses.RunAsync(["search", "--study", "resumed", "--storage", Db, "--budget", "15", .. Noisy]);
        Assert.True(half.Code == 0, half.Err);
        var rest = await StudyProcesses.RunAsync(["search", "--study", "resumed", "--storage", Db, "--budget", "40", .. Noisy]);
        Assert.True(rest.Code == 0, rest.Err);

        var recipe = new StudyRecipe
        {
            Problem = new ProblemRecipe { Benchmark = "nb201-cifar10", Reward = "valid200", RewardNoise = RewardNoise.Seed },
            Strategy = new StrategyRecipe("random"), Budget = 40, Seed = 3,
        };
        var built = recipe.Build("library");
        Assert.EndsWith("reward=valid200~seed", built.Definition.Evaluator);
        await using var memory = new InMemoryStudyStore();
        var uninterrupted = await new StudyRunner(built.Strategy, built.CreateEvaluator(), memory, built.Definition).RunAsync(CancellationToken.None);
        var stored = await StudyProcesses.TrialsAsync(Db, "resumed");
        Assert.Equal(StudyProcesses.Outcome(uninterrupted), StudyProcesses.Outcome(stored));

        // Every reward is one recorded training of its architecture, and the draws are not the noise-free means.
        var table = built.Table!;
        var trainings = table.Trainings!;
        int differ = 0;
        foreach (var t in stored)
        {
            long index = table.Table.Indexer.IndexOf(t.Architecture);
            var recorded = trainings.Columns.Select(c => table.Table.Column(c)[index]).Where(v => !double.IsNaN(v)).ToArray();
            Assert.True(recorded.Length >= 2, $"{t.Architecture} has {recorded.Length} recorded trainings");
            Assert.Contains(t.Reward!.Value, recorded);
            if (t.Reward.Value != table.Rewards[index]) differ++;
        }
        Assert.True(differ > stored.Count / 2, $"only {differ} of {stored.Count} rewards differ from the mean of their trainings");
    }

    [Fact]
    public async Task Search_SeedNoiseOnARewardWithOneTraining_ExitsTwoNamingTheFlag()
    {
        var (code, _, err) = await StudyProcesses.RunAsync("search", "--benchmark", "nb201-cifar10", "--reward", "valid12", "--reward-noise", "seed",
            "--study", "s", "--storage", Db, "-q");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --reward-noise seed: nb201-cifar10 / valid12 holds one training per architecture", err);
        Assert.DoesNotContain("   at ", err);
        await using var store = await Storage.StudyStores.OpenAsync(Db, CancellationToken.None);
        Assert.Null(await store.FindAsync("s", CancellationToken.None)); // refused before the study was created
    }

    [Fact]
    public async Task Search_ResumeWithAnotherReward_IsRefusedNamingTheEvaluator()
    {
        var first = await StudyProcesses.RunAsync("search", "--benchmark", "nb201-cifar10", "--reward", "valid12", "--study", "s", "--storage", Db, "--budget", "5", "-q");
        Assert.True(first.Code == 0, first.Err);
        foreach (var other in new[] { new[] { "--reward", "valid200" }, ["--reward", "valid200", "--reward-noise", "seed"] })
        {
            var (code, _, err) = await StudyProcesses.RunAsync(["search", "--benchmark", "nb201-cifar10", .. other, "--study", "s", "--storage", Db, "--budget", "10", "-q"]);
            Assert.Equal(2, code);
            Assert.Contains("was created with evaluator 'nb201-cifar10 reward=valid12'", err);
        }
        Assert.Equal(5, (await StudyProcesses.TrialsAsync(Db, "s")).Count); // nothing recorded was lost or added
    }

    [Fact]
    public async Task Search_SeedNoiseOnATable_OracleJudgesTheFoundModelByItsNoiseFreeReward()
    {
        var (code, output, err) = await StudyProcesses.RunAsync("search", "--table", TestPaths.Example("mine.csv"),
            "--reward", "val_acc,acc_s1,acc_s2", "--reward-noise", "seed", "--cost", "mflops", "--max-cost", "0.5x", "--json", "-q");
        Assert.True(code == 0, err);
        var json = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        var best = json["best"]!;
        var oracle = json["oracle"]!;
        Assert.Equal("val_acc,acc_s1,acc_s2~seed", (string)json["reward_name"]!);
        // The best was picked by a drawn training, which is not the mean the oracle ranks by...
        Assert.NotEqual((double)oracle["best_reward"]!, (double)best["reward"]!);
        // ...and it is the oracle's model, so the oracle says found.
        Assert.Equal((string)oracle["reward_arch"]!, (string)best["arch"]!);
        Assert.True((bool)oracle["found"]!);
    }
}
