using System.Diagnostics;
using System.Globalization;
using LayerNas.Evaluation;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.RandomSearch;
using LayerNas.Training.Data;

namespace LayerNas.Recipes.Experiments;

/// <summary>
/// The paper's MobileNet claim on a network space: for each width multiplier m, the MAdds target is the MAdds of the
/// backbone at width m (<see cref="NetworkSearchSpace.WidthMultiplied"/>); LayerNAS searches under it with the proxy
/// recipe, random search under it with the same number of trials, and the LayerNAS pick, the width-multiplier
/// model and the random pick are each retrained with the final recipe once per final seed and scored on the test set.
/// Every search is a <see cref="SearchAndRetrain.Recipe"/> (<see cref="SearchAndRetrainOptions.TrialBudget"/> caps
/// LayerNAS; null lets it finish). Progress goes to the writer given. Not thread-safe.
/// </summary>
public sealed class WidthFamilyComparison
{
    private readonly TextWriter _log;

    public WidthFamilyComparison(TextWriter log) => _log = log;

    public async Task<WidthFamilyReport> RunAsync(NetworkSearchSpace space, string spaceReference, string dataset, LabeledData data,
        SearchAndRetrainOptions options, IReadOnlyList<double> multipliers, CancellationToken cancellationToken)
    {
        if (multipliers.Count == 0) throw new UserInputException("Width multipliers: give at least one (e.g. 0.35,0.5,0.75).");
        var families = multipliers.Select(m => (Multiplier: m, Arch: space.WidthMultiplied(m))).ToList();
        var madds = space.CostModel(NetworkCostKind.MultiplyAdds);
        var clock = Stopwatch.StartNew();
        var trainer = SearchAndRetrain.FinalTrainer(data, options, _log);
        var rows = new List<WidthFamilyTarget>();
        foreach (var (m, family) in families)
        {
            double target = madds.Cost(family);
            string at = string.Create(CultureInfo.InvariantCulture, $"width {m:0.###} ({target:0.###} MMAdds)");
            _log.WriteLine($"target {at}: width-multiplier model {family}; LayerNAS search");
            var layer = await SearchAndRetrain.SearchAsync(SearchAndRetrain.Recipe(spaceReference, dataset, options, target),
                $"{space.Name}-layernas-{m}", madds, _log, cancellationToken).ConfigureAwait(false);
            _log.WriteLine($"target {at}: random search, {layer.Trials.Count} trials");
            var random = await SearchAndRetrain.SearchAsync(SearchAndRetrain.Recipe(spaceReference, dataset, options, target,
                new StrategyRecipe("random", RandomSearchOptions.Default), layer.Trials.Count),
                $"{space.Name}-random-{m}", madds, _log, cancellationToken).ConfigureAwait(false);
            double familyProxy = layer.Trials.FirstOrDefault(t => t.Architecture == family && t.Reward is not null)?.Reward
                ?? (await layer.Proxy.EvaluateAsync(family, new TrialContext(layer.StudyName, -1), cancellationToken).ConfigureAwait(false)).Reward;
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target {at}: LayerNAS {layer.Best.Architecture} proxy {layer.Best.Reward:0.00}%, random {random.Best.Architecture} proxy {random.Best.Reward:0.00}%, width model proxy {familyProxy:0.00}%"));
            var picked = await SearchAndRetrain.RetrainAsync("layernas", layer.Best.Architecture, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
            var width = await SearchAndRetrain.RetrainAsync("width", family, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
            var randomPick = await SearchAndRetrain.RetrainAsync("random", random.Best.Architecture, space, trainer, options, _log, cancellationToken).ConfigureAwait(false);
            double searchTrain = layer.Trials.Concat(random.Trials).Sum(t => t.Metrics.GetValueOrDefault(MetricNames.TrainSeconds));
            var row = new WidthFamilyTarget(m, target, layer.Trials.Count, layer.Seconds, random.Trials.Count, random.Seconds, searchTrain,
                layer.Best.Reward, familyProxy, random.Best.Reward, layer.Summary.BestPerBucket, picked, width, randomPick);
            rows.Add(row);
            // The row as soon as it is known, so a run stopped early still tells what it measured.
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target {at} done ({clock.Elapsed.TotalMinutes:0.0} min): test acc. LayerNAS {picked.MeanTestAccuracy:0.00} ± {picked.StdTestAccuracy:0.00}, width {width.MeanTestAccuracy:0.00} ± {width.StdTestAccuracy:0.00}, random {randomPick.MeanTestAccuracy:0.00} ± {randomPick.StdTestAccuracy:0.00}; t vs width {row.VersusFamily.WelchT:0.00}, vs random {row.VersusRandom.WelchT:0.00}"));
        }
        return new WidthFamilyReport(space.Name, rows, clock.Elapsed.TotalSeconds);
    }
}
