using System.Diagnostics;
using System.Globalization;
using LayerNas.Benchmarks.Comparison;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.Strategies;
using LayerNas.Strategies.RandomSearch;
using LayerNas.Training.Data;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// How well a proxy recipe ranks models the way the final recipe does: random search draws N feasible architectures
/// under the MAdds budget and scores each with the proxy (validation accuracy, the search's signal); each is then
/// retrained with the final recipe once per final seed and scored on the test set; the result is Spearman's rank
/// correlation of proxy score and mean final test accuracy, with its 95% interval. Progress goes to the writer
/// given. Not thread-safe.
/// </summary>
public sealed class ProxyFidelity
{
    private readonly TextWriter _log;

    public ProxyFidelity(TextWriter log) => _log = log;

    /// <param name="samples">Architectures to score (at least 4, for an interval).</param>
    public async Task<ProxyFidelityReport> RunAsync(NetworkSearchSpace space, string spaceReference, string dataset, LabeledData data,
        SearchAndRetrainOptions options, int samples, CancellationToken cancellationToken)
    {
        if (samples < 4) throw new UserInputException($"Proxy fidelity: {samples} architectures; give at least 4 (a rank correlation's interval needs them).");
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        double budget = options.MaxMAdds ?? madds.Cost(space.Backbone);
        var clock = Stopwatch.StartNew();
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fidelity: {samples} random architectures of {space.Name} under {budget:0.###} MMAdds, proxy recipe"));
        var search = await SearchAndRetrain.SearchAsync(SearchAndRetrain.Recipe(spaceReference, dataset, options, budget,
            new StrategyRecipe("random", RandomSearchOptions.Default), samples), $"{space.Name}-fidelity", madds, _log, cancellationToken).ConfigureAwait(false);
        var trainer = SearchAndRetrain.FinalTrainer(data, options, _log);
        var points = new List<FidelityPoint>();
        foreach (var trial in search.Trials.Where(t => t.Reward is not null))
        {
            var final = await SearchAndRetrain.RetrainAsync($"sample {points.Count + 1}", trial.Architecture, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
            points.Add(new FidelityPoint(trial.Reward!.Value, final));
        }
        if (points.Count < 4) throw new EvaluationFailedException($"Proxy fidelity: only {points.Count} of {samples} proxy trainings succeeded.");
        var rank = RankCorrelation.Spearman(points.Select(p => p.Proxy).ToList(), points.Select(p => p.Final.MeanTestAccuracy).ToList());
        return new ProxyFidelityReport(space.Name, budget, points, rank, search.Seconds, clock.Elapsed.TotalSeconds);
    }
}
