using System.Globalization;
using LayerNas.Networks.Spaces;
using LayerNas.Studies;

namespace LayerNas.Export.Packaging;

/// <summary>
/// Picks the model to export from a stored study: <c>best</c> (highest reward of the complete trials) or front point
/// <c>N</c> (0-based, by increasing cost, of the Pareto front of complete trials over the study's cost and reward).
/// </summary>
public static class StudyExportSource
{
    /// <summary>The model <paramref name="point"/> of stored study <paramref name="study"/>.</summary>
    /// <param name="network">The study's network space (rebuilt from its recipe, which knows a space file's path), or null when it searched a table.</param>
    public static async Task<ExportSource> ResolveAsync(IStudyStore store, string study, string point, NetworkSearchSpace? network, CancellationToken cancellationToken)
    {
        var definition = await store.FindAsync(study, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"Study '{study}' is not in {store.Description}: check the name (`layernas studies list`) and --storage.");
        var space = network
            ?? throw new UserInputException($"Study '{study}' searched '{definition.Space}', which is not a network search space: only studies of network spaces (e.g. mobilenet-v3-small) can be exported.");
        var trials = await store.GetTrialsAsync(study, 0, cancellationToken).ConfigureAwait(false);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Reward is not null).ToList();
        if (complete.Count == 0)
            throw new UserInputException($"Study '{study}' has no finished trial ({trials.Count} trial(s), none complete): run or resume the search first (`layernas search --study {study}`).");

        string provenance;
        Trial chosen;
        if (string.Equals(point, "best", StringComparison.OrdinalIgnoreCase))
        {
            chosen = complete.OrderByDescending(t => t.Reward).ThenBy(t => t.Number).First();
            provenance = $"Best of {complete.Count} complete trials";
        }
        else
        {
            var front = Front(space, definition, complete);
            if (!int.TryParse(point, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n >= front.Count)
                throw new UserInputException(
                    $"--point {point}: study '{study}' has front points 0..{front.Count - 1} (by increasing {definition.CostName}: " +
                    $"{string.Join(", ", front.Select((f, i) => $"{i}: {f.Cost.ToString("G4", CultureInfo.InvariantCulture)} → reward {f.Trial.Reward!.Value.ToString("G4", CultureInfo.InvariantCulture)}"))}); give one of them or 'best'.");
            chosen = front[n].Trial;
            provenance = $"Front point {n} of {front.Count} (Pareto front of {complete.Count} complete trials by {definition.CostName} and reward)";
        }
        provenance += $" of study '{study}' ({store.Description}): trial {chosen.Number}, strategy {definition.Strategy} ({definition.StrategySettings}), " +
                      $"evaluator {definition.Evaluator}, seed {definition.Seed}, constraint {definition.CostName} in [{definition.MinCost.ToString("G6", CultureInfo.InvariantCulture)}, {definition.MaxCost.ToString("G6", CultureInfo.InvariantCulture)}].";
        var metrics = new Dictionary<string, double>(chosen.Metrics) { ["reward"] = chosen.Reward!.Value };
        return new ExportSource(space, chosen.Architecture, metrics, provenance);
    }

    private static List<(Trial Trial, double Cost)> Front(NetworkSearchSpace space, StudyDefinition definition, List<Trial> complete)
    {
        // Latency costs are measurements: use the ones stored with the trials; exact costs come from the space.
        Func<Trial, double> cost = definition.CostName.StartsWith("latency", StringComparison.OrdinalIgnoreCase)
            ? t => t.Metrics.TryGetValue(Evaluation.MetricNames.LatencyMs, out var ms) ? ms : space.CostModel("madds").Cost(t.Architecture)
            : NetworkSearchSpace.CostModelNames.Contains(definition.CostName, StringComparer.OrdinalIgnoreCase)
                ? t => space.CostModel(definition.CostName).Cost(t.Architecture)
                : t => space.CostModel("madds").Cost(t.Architecture);
        var front = new List<(Trial, double)>();
        foreach (var p in complete.Select(t => (Trial: t, Cost: cost(t))).OrderBy(p => p.Cost).ThenByDescending(p => p.Trial.Reward))
            if (front.Count == 0 || p.Trial.Reward > front[^1].Item1.Reward) front.Add(p);
        return front;
    }
}
