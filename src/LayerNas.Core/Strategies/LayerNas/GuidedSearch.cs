using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// Finds the feasible architecture with the highest prediction of an <see cref="AdditiveRewardModel"/> among those not
/// excluded. A feasible set of up to <see cref="ScanLimit"/> models is scored whole. A larger enumerable space takes a
/// best-first branch and bound over the layers, where a prefix's bound is its weights plus the best weight of every free
/// layer (admissible for an additive model) and a prefix that cannot meet the budget (exact completion bounds) is
/// dropped: exact for the model as well. Spaces too large to enumerate, whose bounds are a dynamic program per prefix
/// and whose unobserved options tie at weight 0 (a plateau the exact search would crawl), take a greedy answer
/// instead: each layer in order gets its best-weighted option that keeps the budget reachable, or, when that model was
/// evaluated, its best predicted unseen one-layer neighbour. Thread-safe (no state).
/// </summary>
internal static class GuidedSearch
{
    /// <param name="reachable">Remembers which prefixes can meet the budget across calls (the constraint never changes).</param>
    public static Architecture? BestUnseen(StrategyContext context, AdditiveRewardModel model, IReadOnlyList<int> order, Func<Architecture, bool> excluded,
        Dictionary<PartialArchitecture, bool> reachable)
    {
        bool CanBeFeasible(PartialArchitecture prefix)
        {
            if (reachable.TryGetValue(prefix, out bool known)) return known;
            if (reachable.Count >= 1 << 20) reachable.Clear(); // bounded memory in large spaces
            return reachable[prefix] = context.CanBeFeasible(prefix);
        }

        if (FeasibleSet.TryGet(context) is null) return Greedy(context, model, order, excluded, CanBeFeasible);
        var space = context.Space;
        int layers = order.Count;
        var best = new double[layers + 1]; // best[k]: Σ of the best weights of layers order[k..]
        for (int k = layers - 1; k >= 0; k--)
        {
            int layer = order[k];
            double top = double.NegativeInfinity;
            for (int o = 0; o < space.Layers[layer].Count; o++) top = Math.Max(top, model.Weight(layer, o));
            best[k] = best[k + 1] + top;
        }
        // Max-priority by bound; equal bounds pop in insertion order so the result is deterministic.
        var queue = new PriorityQueue<(PartialArchitecture Prefix, int Depth, double Score), (double, long)>();
        long sequence = 0;
        var root = PartialArchitecture.Empty(space.LayerCount);
        if (!CanBeFeasible(root)) return null;
        queue.Enqueue((root, 0, 0), (-best[0], sequence++));
        while (queue.TryDequeue(out var node, out _))
        {
            if (node.Depth == layers)
            {
                var arch = new Architecture(node.Prefix.Options);
                if (context.IsFeasible(arch) && !excluded(arch)) return arch;
                continue;
            }
            int layer = order[node.Depth];
            for (int o = 0; o < space.Layers[layer].Count; o++)
            {
                var child = node.Prefix.Fix(layer, o);
                if (!CanBeFeasible(child)) continue;
                double score = node.Score + model.Weight(layer, o);
                queue.Enqueue((child, node.Depth + 1, score), (-(score + best[node.Depth + 1]), sequence++));
            }
        }
        return null;
    }

    /// <summary>Feasible sets up to this size are scored whole (F × layers additions per proposal) instead of searched.</summary>
    public const int ScanLimit = 1 << 17;

    /// <summary>
    /// The feasible architecture not marked in <paramref name="seen"/> (by dense index) with the highest prediction, the
    /// lowest index among equals: every feasible architecture of <paramref name="set"/> scored, so exact for the model.
    /// </summary>
    public static Architecture? BestUnseen(FeasibleSet set, AdditiveRewardModel model, bool[] seen)
    {
        int layers = set.Layers;
        var weights = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            weights[l] = new double[model.OptionCount(l)];
            for (int o = 0; o < weights[l].Length; o++) weights[l][o] = model.Weight(l, o);
        }
        var options = set.Options;
        var indices = set.Indices;
        int pick = -1;
        double pickScore = double.NegativeInfinity;
        for (int i = 0; i < indices.Length; i++)
        {
            double score = 0;
            int at = i * layers;
            for (int l = 0; l < layers; l++) score += weights[l][options[at + l]];
            if (score > pickScore && !seen[indices[i]]) (pick, pickScore) = (i, score);
        }
        return pick < 0 ? null : set.Indexer.At(indices[pick]);
    }

    private static Architecture? Greedy(StrategyContext context, AdditiveRewardModel model, IReadOnlyList<int> order, Func<Architecture, bool> excluded,
        Func<PartialArchitecture, bool> canBeFeasible)
    {
        var space = context.Space;
        var prefix = PartialArchitecture.Empty(space.LayerCount);
        foreach (int layer in order)
        {
            int best = -1;
            for (int o = 0; o < space.Layers[layer].Count; o++)
                if ((best < 0 || model.Weight(layer, o) > model.Weight(layer, best)) && canBeFeasible(prefix.Fix(layer, o))) best = o;
            if (best < 0) return null;
            prefix = prefix.Fix(layer, best);
        }
        var arch = new Architecture(prefix.Options);
        if (!context.IsFeasible(arch)) return null;
        if (!excluded(arch)) return arch;
        Architecture? pick = null;
        double pickScore = double.NegativeInfinity;
        foreach (int layer in order)
            for (int o = 0; o < space.Layers[layer].Count; o++)
            {
                if (o == arch[layer]) continue;
                double score = model.Weight(layer, o) - model.Weight(layer, arch[layer]);
                if (score <= pickScore) continue;
                var neighbour = arch.With(layer, o);
                if (context.IsFeasible(neighbour) && !excluded(neighbour)) (pick, pickScore) = (neighbour, score);
            }
        return pick;
    }
}
