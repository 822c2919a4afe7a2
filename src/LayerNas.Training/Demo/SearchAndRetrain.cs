using System.Diagnostics;
using System.Globalization;
using LayerNas.Costs;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;
using LayerNas.Studies;
using LayerNas.Training.Data;

namespace LayerNas.Training.Demo;

/// <summary>
/// The seed's claim, end to end: LayerNAS over a network space under the backbone's MAdds, each candidate scored by
/// proxy training (validation accuracy); then the best found model and the backbone are both retrained with the
/// final recipe once per seed and scored on the test set. Progress goes to the writer given. Not thread-safe.
/// </summary>
public sealed class SearchAndRetrain
{
    private readonly TextWriter _log;

    public SearchAndRetrain(TextWriter log) => _log = log;

    public async Task<SearchAndRetrainReport> RunAsync(NetworkSearchSpace space, LabeledData data, SearchAndRetrainOptions options,
        CancellationToken cancellationToken)
    {
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        double budget = options.MaxMAdds ?? madds.Cost(space.Backbone);
        var range = madds.Completions(PartialArchitecture.Empty(space.Space.LayerCount));
        var constraint = CostConstraint.Parse(madds, null, budget.ToString("R", CultureInfo.InvariantCulture), range);
        var context = new StrategyContext(space.Space, madds, constraint, options.SearchSeed);
        var strategy = new LayerNasStrategy(context, LayerNasOptions.Default with { Buckets = options.Buckets, KeepPerBucket = options.KeepPerBucket });
        var proxyData = DataSplits.Create(data, options.Proxy.ValidationCount, options.SearchSeed);
        var proxy = new TrainingEvaluator(space.Build, new Trainer(proxyData), options.Proxy with { EvaluateTest = false });
        var definition = new StudyDefinition($"{space.Name}-demo", space.Name, madds.Name, double.NegativeInfinity, budget,
            strategy.Name, $"buckets={options.Buckets};keep={options.KeepPerBucket}", "train-proxy", options.SearchSeed, options.TrialBudget);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: LayerNAS over {space.Name} ({space.Space.LayerCount} layers), MAdds <= {budget:0.###} MMAdds (backbone {madds.Cost(space.Backbone):0.###}), {options.Buckets} buckets x {options.KeepPerBucket}"));
        var progress = new Progress<StudyProgress>(p => _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: {p.Completed} trials, best {p.BestReward:0.00}% {p.BestArchitecture}, {p.Elapsed.TotalMinutes:0.0} min")));
        var searchClock = Stopwatch.StartNew();
        var runner = new StudyRunner(strategy, new LoggingEvaluator(proxy, madds, _log), new InMemoryStudyStore(), definition,
            new RunnerOptions { TrialBudget = options.TrialBudget }, progress);
        var trials = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        double searchSeconds = searchClock.Elapsed.TotalSeconds;
        var best = strategy.Best ?? throw new EvaluationFailedException("The search evaluated no model.");
        var front = strategy.Front.Select((c, i) => new FrontPoint(i, c.Evaluated, c.EvaluatedCost, c.Reward)).ToList();
        if (front.Count == 0)
            front = strategy.Tables.Count > 0
                ? strategy.Tables[^1].Entries.Select((c, i) => new FrontPoint(i, c.Evaluated, c.EvaluatedCost, c.Reward)).ToList()
                : [];
        var backboneTrial = trials.FirstOrDefault(t => t.Architecture == space.Backbone && t.Reward is not null);
        double backboneProxy = backboneTrial?.Reward
            ?? (await proxy.EvaluateAsync(space.Backbone, new TrialContext(definition.Name, -1), cancellationToken).ConfigureAwait(false)).Reward;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search done: {trials.Count} trials in {searchSeconds / 60:0.0} min; found {best.Evaluated} ({best.EvaluatedCost:0.###} MMAdds, proxy val {best.Reward:0.00}%), backbone proxy val {backboneProxy:0.00}%"));

        var retrainClock = Stopwatch.StartNew();
        var finalData = DataSplits.Create(data, options.Final.ValidationCount, options.SearchSeed);
        var trainer = new Trainer(finalData, _log);
        var found = await RetrainAsync("found", best.Evaluated, space, trainer, options, cancellationToken).ConfigureAwait(false);
        var backbone = await RetrainAsync("backbone", space.Backbone, space, trainer, options, cancellationToken).ConfigureAwait(false);
        return new SearchAndRetrainReport(space.Name, budget, trials.Count, searchSeconds, best.Evaluated, best.Reward, backboneProxy,
            front, found, backbone, retrainClock.Elapsed.TotalSeconds);
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
    private sealed class LoggingEvaluator(IEvaluator inner, ICostModel madds, TextWriter log) : IEvaluator
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
