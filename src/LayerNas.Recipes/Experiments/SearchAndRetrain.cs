using System.Diagnostics;
using System.Globalization;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;
using LayerNas.Training;
using LayerNas.Training.Data;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// The seed's claim, end to end: LayerNAS over a network space under the backbone's MAdds, each candidate scored by
/// proxy training (validation accuracy); then the best found model and the backbone are both retrained with the
/// final recipe once per seed and scored on the test set. The search is a <see cref="StudyRecipe"/> like any other
/// (<see cref="Recipe"/>); progress goes to the writer given. Not thread-safe.
/// </summary>
public sealed class SearchAndRetrain
{
    private readonly TextWriter _log;

    public SearchAndRetrain(TextWriter log) => _log = log;

    /// <summary>
    /// The search of the experiment as a recipe: LayerNAS (H × K of <paramref name="options"/>) under the MAdds budget,
    /// proxy training as evaluator; <paramref name="strategy"/> and <paramref name="trialBudget"/> replace the strategy
    /// and <see cref="SearchAndRetrainOptions.TrialBudget"/> where given.
    /// </summary>
    public static StudyRecipe Recipe(string space, string dataset, SearchAndRetrainOptions options, double budgetMAdds,
        StrategyRecipe? strategy = null, int? trialBudget = null) => new()
    {
        Problem = new ProblemRecipe { Space = space },
        Cost = "madds",
        MaxCost = StudyRecipe.Bound(budgetMAdds),
        Strategy = strategy ?? new StrategyRecipe("layernas", LayerNasOptions.Default with { Buckets = options.Buckets, KeepPerBucket = options.KeepPerBucket }),
        Evaluator = new EvaluatorRecipe { Kind = EvaluatorKind.Train, Dataset = dataset, Training = options.Proxy with { EvaluateTest = false } },
        Budget = trialBudget ?? options.TrialBudget,
        Seed = options.SearchSeed,
    };

    public async Task<SearchAndRetrainReport> RunAsync(NetworkSearchSpace space, string spaceReference, string dataset, LabeledData data,
        SearchAndRetrainOptions options, CancellationToken cancellationToken)
    {
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        double budget = options.MaxMAdds ?? madds.Cost(space.Backbone);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: LayerNAS over {space.Name} ({space.Space.LayerCount} layers), MAdds <= {budget:0.###} MMAdds (backbone {madds.Cost(space.Backbone):0.###}), {options.Buckets} buckets x {options.KeepPerBucket}"));
        var search = await SearchAsync(Recipe(spaceReference, dataset, options, budget), $"{space.Name}-demo", madds, _log, cancellationToken).ConfigureAwait(false);
        var best = search.Best;
        var backboneTrial = search.Trials.FirstOrDefault(t => t.Architecture == space.Backbone && t.Reward is not null);
        double backboneProxy = backboneTrial?.Reward
            ?? (await search.Proxy.EvaluateAsync(space.Backbone, new TrialContext(search.StudyName, -1), cancellationToken).ConfigureAwait(false)).Reward;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search done: {search.Trials.Count} trials in {search.Seconds / 60:0.0} min; found {best.Architecture} ({best.Cost:0.###} MMAdds, proxy val {best.Reward:0.00}%), backbone proxy val {backboneProxy:0.00}%"));

        var retrainClock = Stopwatch.StartNew();
        var trainer = FinalTrainer(data, options, _log);
        var found = await RetrainAsync("found", best.Architecture, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
        var backbone = await RetrainAsync("backbone", space.Backbone, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
        return new SearchAndRetrainReport(space.Name, budget, search.Trials.Count, search.Seconds, best.Architecture, best.Reward, backboneProxy,
            search.Summary.BestPerBucket, found, backbone, retrainClock.Elapsed.TotalSeconds);
    }

    /// <summary>One search of an experiment: its trials, summary, best model, wall time and the proxy evaluator it used.</summary>
    internal sealed record SearchRun(string StudyName, IReadOnlyList<Trial> Trials, SearchSummary Summary, ModelPoint Best, double Seconds, IEvaluator Proxy);

    /// <summary>Runs the search of <paramref name="recipe"/> in memory, one line per scored candidate to <paramref name="log"/>.</summary>
    internal static async Task<SearchRun> SearchAsync(StudyRecipe recipe, string studyName, Costs.ICostModel madds, TextWriter log, CancellationToken cancellationToken)
    {
        var built = recipe.Build(studyName, log, cancellationToken);
        var strategy = built.Strategy;
        var proxy = built.CreateEvaluator(new EvaluatorEnvironment());
        var progress = new Progress<StudyProgress>(p => log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: {p.Completed} trials, best {p.BestReward:0.00}% {p.BestArchitecture}, {p.Elapsed.TotalMinutes:0.0} min")));
        var clock = Stopwatch.StartNew();
        await using var store = new InMemoryStudyStore();
        var runner = new StudyRunner(strategy, new LoggingEvaluator(proxy, madds, log), store, built.Definition,
            new RunnerOptions { TrialBudget = recipe.Budget }, progress);
        var trials = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        var summary = SearchSummary.From(trials, strategy, madds);
        var best = summary.Best ?? throw new EvaluationFailedException($"The search '{studyName}' evaluated no model.");
        return new SearchRun(built.Definition.Name, trials, summary, best, clock.Elapsed.TotalSeconds, proxy);
    }

    /// <summary>The trainer of the final recipe: the validation split of <see cref="SearchAndRetrainOptions.Final"/>, drawn with the search seed.</summary>
    internal static Trainer FinalTrainer(LabeledData data, SearchAndRetrainOptions options, TextWriter log) =>
        new(DataSplits.Create(data, options.Final.ValidationCount, options.SearchSeed), log);

    /// <summary>Trains <paramref name="arch"/> with the final recipe once per final seed, scoring the test set.</summary>
    internal static async Task<RetrainedModel> RetrainAsync(string role, Architecture arch, NetworkSearchSpace space, Trainer trainer,
        SearchAndRetrainOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var spec = space.Build(arch);
        var costs = space.Costs(arch);
        var runs = new List<TrainingResult>();
        var wall = new List<double>();
        foreach (var seed in options.FinalSeeds)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"final: {role} {arch} ({costs.MultiplyAdds / 1e6:0.###} MMAdds) seed {seed}"));
            long start = Stopwatch.GetTimestamp();
            runs.Add(await trainer.TrainAsync(spec, options.Final with { Seed = seed, EvaluateTest = true }, cancellationToken).ConfigureAwait(false));
            wall.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return new RetrainedModel(role, arch, costs.MultiplyAdds / 1e6, costs.Parameters, options.FinalSeeds, runs) { WallSeconds = wall };
    }

    /// <summary>Logs one line per scored candidate.</summary>
    private sealed class LoggingEvaluator(IEvaluator inner, Costs.ICostModel madds, TextWriter log) : IEvaluator
    {
        public async Task<Evaluation.Evaluation> EvaluateAsync(Architecture arch, TrialContext context, CancellationToken cancellationToken)
        {
            var e = await inner.EvaluateAsync(arch, context, cancellationToken).ConfigureAwait(false);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  trial {context.TrialNumber}: {arch} {madds.Cost(arch):0.###} MMAdds  val {e.Reward:0.00}%  {e.Metric(MetricNames.TrainSeconds):0.0} s"));
            return e;
        }
    }
}
