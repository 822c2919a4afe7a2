using LayerNas.Recipes;
using LayerNas.Strategies;
using LayerNas.Strategies.Evolution;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;
using LayerNas.Training;

namespace LayerNas.Recipes.Tests;

public class StudyRecipeTests
{
    private static StudyRecipe Rich() => new()
    {
        Problem = new ProblemRecipe { Space = "mobilenet-v3-small" },
        Cost = "params",
        MaxCost = "0.6x",
        MinCost = "0.1x",
        Strategy = new StrategyRecipe("layernas", LayerNasOptions.Default with { Buckets = 5, LayerOrder = [2, 1, 0, 3, 4, 5, 6, 7, 8, 9, 10] }),
        Evaluator = new EvaluatorRecipe
        {
            Kind = EvaluatorKind.Command, Command = "python3 train.py --fast", Timeout = 90,
            Settings = new Dictionary<string, string> { ["epochs"] = "5", ["data"] = "/tmp/d" },
        },
        Budget = 77,
        Seed = 4,
        Window = 8,
    };

    [Fact]
    public void ToJson_Parse_RoundTripsToAnEqualRecipe()
    {
        var recipe = Rich();
        var back = StudyRecipe.Parse(recipe.ToJson(), "r.json");
        Assert.Equal(recipe, back);
        Assert.Equal(recipe.ToJson(), back.ToJson());
    }

    [Fact]
    public void ToYaml_Parse_RoundTripsToAnEqualRecipe()
    {
        foreach (var recipe in new[] { Rich(), new StudyRecipe(), new StudyRecipe { MaxCost = null, Strategy = new StrategyRecipe("evolution") } })
        {
            var yaml = recipe.ToYaml();
            Assert.Equal(recipe, StudyRecipe.Parse(yaml, "r.yaml"));
        }
    }

    [Fact]
    public void Parse_PartialSettings_RestComesFromTheStrategysAndProxysPresets()
    {
        var recipe = StudyRecipe.Parse("""
            problem: { space: mobilenet-v2-28 }
            strategy:
              name: layernas-paper
              settings: { buckets: 6 }
            evaluator:
              kind: train
              training: { epochs: 3 }
            """, "s.yaml");
        var settings = Assert.IsType<LayerNasOptions>(recipe.Strategy.ResolvedSettings);
        Assert.Equal(LayerNasOptions.Paper with { Buckets = 6 }, settings);
        Assert.Equal(TrainingOptions.Proxy with { Epochs = 3 }, recipe.Evaluator.ResolvedTraining);
        Assert.Equal("0.5x", recipe.MaxCost);
    }

    [Fact]
    public void Parse_MaxCostNoneOrNull_MeansNoUpperBound()
    {
        Assert.Null(StudyRecipe.Parse("max_cost: none", "a.yaml").MaxCost);
        Assert.Null(StudyRecipe.Parse("max_cost: null", "a.yaml").MaxCost);
        Assert.Equal("0.5x", StudyRecipe.Parse("seed: 1", "a.yaml").MaxCost);
    }

    [Theory]
    [InlineData("max_cots: 0.5x", "study.yaml: max_cots is not a recipe setting: use one of problem, cost, max_cost")]
    [InlineData("problem: { benchmrk: x }", "study.yaml: problem.benchmrk is not a recipe setting")]
    [InlineData("strategy: { name: layernas, settings: { bukets: 3 } }", "study.yaml: strategy.settings.bukets is not a setting here: use one of buckets, keep_per_bucket")]
    [InlineData("strategy: { name: layernas, settings: { buckets: many } }", "study.yaml: strategy.settings.buckets has a value of the wrong kind (\"many\"): give a whole number.")]
    [InlineData("strategy: { name: annealing }", "study.yaml: strategy.name 'annealing' is not a strategy: use one of layernas, layernas-paper, random")]
    [InlineData("evaluator: { kind: train, training: { epochz: 1 } }", "study.yaml: evaluator.training.epochz is not a setting here")]
    [InlineData("seed: [1, 2]", "study.yaml: seed has a value of the wrong kind ([1,2]): give a whole number.")]
    [InlineData("strategy: {", "study.yaml: line ")]
    public void Parse_BadRecipe_OneLocatedMessage(string yaml, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => StudyRecipe.Parse(yaml, "study.yaml"));
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void Build_Benchmark_DefinitionNamesTheProblemCostStrategyAndStoresTheRecipe()
    {
        var recipe = new StudyRecipe { Problem = new ProblemRecipe { Benchmark = "nb201-cifar100" }, Strategy = new StrategyRecipe("evolution", new EvolutionOptions { Population = 7 }), Seed = 2 };
        var built = recipe.Build("s");
        var d = built.Definition;
        Assert.Equal(("s", "nb201-cifar100", "flops", "evolution", 2), (d.Name, d.Space, d.CostName, d.Strategy, d.Seed));
        Assert.Contains("\"population\":7", d.StrategySettings);
        Assert.Equal(recipe, StudyRecipe.Parse(d.Recipe, "stored.json"));
        Assert.Equal(built.Table!.CostModel("flops").Completions(SearchSpaces.PartialArchitecture.Empty(6)).Max * 0.5, d.MaxCost, 9);
        Assert.Equal(EvaluatorKind.Table, built.EvaluatorKind);
        Assert.False(built.Registration.FinishesOnItsOwn);
        // A baseline without a budget stops where LayerNAS's plan would: it never searches the whole space unasked.
        Assert.True(built.BudgetIsDefault);
        var plan = (Strategies.LayerNas.LayerNasPlan)((IPlannedStrategy)new StudyRecipe { Problem = recipe.Problem, Seed = 2 }.Build().Strategy).Plan(4);
        Assert.Equal((int)Math.Round(plan.SimulatedMean), d.TrialBudget);
        Assert.Equal((d.TrialBudget!.Value, true), built.PlannedEvaluations());
    }

    [Fact]
    public void Build_FinishingStrategyWithoutBudget_RunsToItsEnd()
    {
        var built = new StudyRecipe().Build();
        Assert.False(built.BudgetIsDefault);
        Assert.Null(built.Definition.TrialBudget);
        Assert.False(built.PlannedEvaluations()!.Value.Exact);
    }

    [Fact]
    public void Build_TrainingRecipe_IsPartOfTheEvaluatorIdentityButThreadsAreNot()
    {
        StudyRecipe Train(TrainingOptions o) => new() { Problem = new ProblemRecipe { Space = "mobilenet-v2-28" }, MaxCost = null, Evaluator = new EvaluatorRecipe { Kind = EvaluatorKind.Train, Training = o } };
        var five = Train(TrainingOptions.Proxy with { Epochs = 5 }).Build().Definition.Evaluator;
        var fifty = Train(TrainingOptions.Proxy with { Epochs = 50 }).Build().Definition.Evaluator;
        var threads = Train(TrainingOptions.Proxy with { Epochs = 5, Threads = 2 }).Build().Definition.Evaluator;
        Assert.NotEqual(five, fifty);
        Assert.Equal(five, threads);
        Assert.StartsWith("train fashion-mnist ", five);
    }

    [Theory]
    [InlineData("""{"window": 0}""", "window")]
    [InlineData("""{"budget": 0}""", "budget")]
    [InlineData("""{"strategy": {"name": "layernas", "settings": {"buckets": 0}}}""", "strategy.settings.buckets")]
    [InlineData("""{"strategy": {"name": "evolution", "settings": {"population": 0}}}""", "strategy.settings.population")]
    [InlineData("""{"problem": {"space": "mobilenet-v2-28"}, "evaluator": {"kind": "table"}}""", "evaluator.kind")]
    [InlineData("""{"evaluator": {"kind": "train"}}""", "evaluator.kind")]
    [InlineData("""{"evaluator": {"kind": "command"}}""", "evaluator.command")]
    [InlineData("""{"evaluator": {"kind": "command", "command": "x", "timeout": -1}}""", "evaluator.timeout")]
    [InlineData("""{"problem": {"space": "mobilenet-v2-28"}, "evaluator": {"kind": "train", "training": {"epochs": 0}}}""", "evaluator.training.epochs")]
    [InlineData("""{"problem": {"benchmark": "nb201-cifar10", "space": "mobilenet-v2-28"}}""", "problem.space")]
    [InlineData("""{"problem": {"space": "mobilenet-v2-28", "reward_noise": "seed"}}""", "problem.reward_noise")]
    [InlineData("""{"problem": {"benchmark": "nb201-cifar10", "reward": "valid12", "reward_noise": "seed"}}""", "problem.reward_noise")]
    public void Build_InvalidSetting_NamesItByItsRecipePath(string json, string setting)
    {
        var ex = Assert.Throws<UserInputException>(() => StudyRecipe.Parse(json).Build());
        Assert.Equal(setting, ex.Setting);
        Assert.StartsWith(setting + " ", ex.Message);
    }

    [Fact]
    public void Build_EveryRegisteredStrategy_MakesThatStrategyWithItsDefaults()
    {
        foreach (var registration in StrategyRegistry.All)
        {
            var built = new StudyRecipe { Strategy = new StrategyRecipe(registration.Name) }.Build();
            Assert.IsType(registration.StrategyType, built.Strategy);
            Assert.Equal(registration.Name, built.Definition.Strategy);
            Assert.Equal(Settings.SettingsJson.ToJson(registration.Defaults), built.Definition.StrategySettings);
        }
    }

    [Fact]
    public async Task Build_TableWithSeveralRewardColumns_SearchesTheirMeanOrDrawsOnePerTrial()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("layernas-trainings-").FullName, "runs.csv");
        var lines = new List<string> { "arch,madds,s0,s1,s2" };
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
                lines.Add($"{a}-{b},{a + b},{(a * 3 + b) % 5},{(a + b * 2) % 7},{a * b % 3}");
        File.WriteAllLines(path, lines);
        try
        {
            StudyRecipe Recipe(Benchmarks.Tables.RewardNoise noise) => new()
            {
                Problem = new ProblemRecipe { Table = path, Reward = "s0, s1,s2", RewardNoise = noise }, Cost = "madds", MaxCost = null,
                Strategy = new StrategyRecipe("random"), Budget = 16,
            };
            var mean = Recipe(Benchmarks.Tables.RewardNoise.None).Build();
            Assert.EndsWith("reward=mean(s0,s1,s2)", mean.Definition.Evaluator);
            var noisy = Recipe(Benchmarks.Tables.RewardNoise.Seed).Build();
            Assert.EndsWith("reward=s0,s1,s2~seed", noisy.Definition.Evaluator);
            foreach (var (built, drawn) in new[] { (mean, false), (noisy, true) })
            {
                await using var store = new InMemoryStudyStore();
                var trials = await new StudyRunner(built.Strategy, built.CreateEvaluator(), store, built.Definition).RunAsync(CancellationToken.None);
                Assert.Equal(16, trials.Count);
                foreach (var t in trials)
                {
                    var values = new[] { "s0", "s1", "s2" }.Select(c => built.Table!.Table.Value(c, t.Architecture)).ToArray();
                    if (drawn) Assert.Contains(t.Reward!.Value, values);
                    else Assert.Equal(values.Average(), t.Reward!.Value, 12);
                }
            }
            // Resuming with another reward (or another way of querying it) is refused; a study stored with only the table's name resumes.
            Assert.Throws<UserInputException>(() => StudyCompatibility.Check(mean.Definition, noisy.Definition));
            StudyCompatibility.Check(mean.Definition with { Evaluator = mean.Definition.Space }, mean.Definition);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
