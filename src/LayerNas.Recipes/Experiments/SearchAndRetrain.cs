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

    /// <summary>The search of the experiment as a recipe: LayerNAS (H × K of <paramref name="options"/>) under the MAdds budget, proxy training as evaluator.</summary>
    public static StudyRecipe Recipe(string space, string dataset, SearchAndRetrainOptions options, double budgetMAdds) => new()
    {
        Problem = new ProblemRecipe { Space = space },
        Cost = "madds",
        MaxCost = StudyRecipe.Bound(budgetMAdds),
        Strategy = new StrategyRecipe("layernas", LayerNasOptions.Default with { Buckets = options.Buckets, KeepPerBucket = options.KeepPerBucket }),
        Evaluator = new EvaluatorRecipe { Kind = EvaluatorKind.Train, Dataset = dataset, Training = options.Proxy with { EvaluateTest = false } },
        Budget = options.TrialBudget,
        Seed = options.SearchSeed,
    };

    public async Task<SearchAndRetrainReport> RunAsync(NetworkSearchSpace space, string spaceReference, string dataset, LabeledData data,
        SearchAndRetrainOptions options, CancellationToken cancellationToken)
    {
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        double budget = options.MaxMAdds ?? madds.Cost(space.Backbone);
        var built = Recipe(spaceReference, dataset, options, budget).Build($"{space.Name}-demo", _log, cancellationToken);
        var strategy = built.Strategy;
        var proxy = built.CreateEvaluator(new EvaluatorEnvironment());
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: LayerNAS over {space.Name} ({space.Space.LayerCount} layers), MAdds <= {budget:0.###} MMAdds (backbone {madds.Cost(space.Backbone):0.###}), {options.Buckets} buckets x {options.KeepPerBucket}"));
        var progress = new Progress<StudyProgress>(p => _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: {p.Completed} trials, best {p.BestReward:0.00}% {p.BestArchitecture}, {p.Elapsed.TotalMinutes:0.0} min")));
        var searchClock = Stopwatch.StartNew();
        await using var store = new InMemoryStudyStore();
        var runner = new StudyRunner(strategy, new LoggingEvaluator(proxy, madds, _log), store, built.Definition,
            new RunnerOptions { TrialBudget = options.TrialBudget }, progress);
        var trials = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        double searchSeconds = searchClock.Elapsed.TotalSeconds;
        var summary = SearchSummary.From(trials, strategy, madds);
        var best = summary.Best ?? throw new EvaluationFailedException("The search evaluated no model.");
        var backboneTrial = trials.FirstOrDefault(t => t.Architecture == space.Backbone && t.Reward is not null);
        double backboneProxy = backboneTrial?.Reward
            ?? (await proxy.EvaluateAsync(space.Backbone, new TrialContext(built.Definition.Name, -1), cancellationToken).ConfigureAwait(false)).Reward;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search done: {trials.Count} trials in {searchSeconds / 60:0.0} min; found {best.Architecture} ({best.Cost:0.###} MMAdds, proxy val {best.Reward:0.00}%), backbone proxy val {backboneProxy:0.00}%"));

        var retrainClock = Stopwatch.StartNew();
        var finalData = DataSplits.Create(data, options.Final.ValidationCount, options.SearchSeed);
        var trainer = new Trainer(finalData, _log);
        var found = await RetrainAsync("found", best.Architecture, space, trainer, options, cancellationToken).ConfigureAwait(false);
        var backbone = await RetrainAsync("backbone", space.Backbone, space, trainer, options, cancellationToken).ConfigureAwait(false);
        return new SearchAndRetrainReport(space.Name, budget, trials.Count, searchSeconds, best.Architecture, best.Reward, backboneProxy,
            summary.BestPerBucket, found, backbone, retrainClock.Elapsed.TotalSeconds);
    }

    private async Task<RetrainedModel> RetrainAsync(string role, Architecture arch, NetworkSearchSpace space, Trainer trainer,
        SearchAndRetrainOptions options, CancellationToken cancellationToken)
    {
        var spec = space.Build(arch);
        var costs = space.Costs(arch);
        var runs = new List<TrainingResult>();
        foreach (var seed in options.FinalSeeds)
        {
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"final: {role} {arch} ({costs.MultiplyAdds / 1e6:0.###} MMAdds) seed {seed}"));
            runs.Add(await trainer.TrainAsync(spec, options.Final with { Seed = seed, EvaluateTest = true }, cancellationToken).ConfigureAwait(false));
        }
        return new RetrainedModel(role, arch, costs.MultiplyAdds / 1e6, costs.Parameters, options.FinalSeeds, runs);
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
