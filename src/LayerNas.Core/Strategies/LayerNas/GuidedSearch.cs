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
    /// The feasible architecture not marked in <paramref name="seen"/> (by dense index) with the highest score, the lowest
    /// index among equals: every feasible architecture of <paramref name="set"/> scored, so exact for the model. The score
    /// is the model's prediction plus <paramref name="optimism"/> standard deviations of it (<see cref="Optimistic"/>).
    /// </summary>
    public static Architecture? BestUnseen(FeasibleSet set, AdditiveRewardModel model, bool[] seen, double optimism)
    {
        if (optimism > 0) return Optimistic(set, model, seen, optimism);
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

    // Prediction + optimism · σ √(xᵀ(XᵀX + ridge·I)⁻¹x): the upper end of the ridge model's posterior band, with σ its own
    // residual spread (AdditiveRewardModel.Spread), so architectures of rarely seen option combinations get their chance.
    // The feasible set is in index order (the last layer fastest), so consecutive architectures mostly share all but their
    // last layers: the sums of the prediction and of its variance over each prefix carry over from the previous one, and
    // only the layers from the first that differs are added again (FeasibleSet.FirstChanges).
    private static Architecture? Optimistic(FeasibleSet set, AdditiveRewardModel model, bool[] seen, double optimism)
    {
        int layers = set.Layers, d = model.Indicators;
        double scale = optimism * model.Spread;
        var inverse = model.Inverse;
        var weight = new double[d];
        var offset = new int[layers];
        for (int l = 0; l < layers; l++)
        {
            offset[l] = model.Index(l, 0);
            for (int o = 0; o < model.OptionCount(l); o++) weight[offset[l] + o] = model.Weight(l, o);
        }
        var options = set.Options;
        var indices = set.Indices;
        var first = set.FirstChanges;
        var at = new int[layers];          // indicator of each layer of the current architecture
        var mean = new double[layers + 1]; // mean[l + 1]: Σ of the weights of layers 0..l
        var variance = new double[layers + 1];
        int pick = -1;
        double pickScore = double.NegativeInfinity;
        for (int i = 0; i < indices.Length; i++)
        {
            int row = i * layers;
            for (int l = i == 0 ? 0 : first[i]; l < layers; l++)
            {
                int k = at[l] = offset[l] + options[row + l];
                int kd = k * d;
                double cross = 0;
                for (int m = 0; m < l; m++) cross += inverse[kd + at[m]];
                variance[l + 1] = variance[l] + inverse[kd + k] + 2 * cross;
                mean[l + 1] = mean[l] + weight[k];
            }
            if (seen[indices[i]]) continue;
            // The square root only where the prediction alone does not decide against it.
            double need = pickScore - mean[layers], spread = Math.Max(0, variance[layers]);
            if (need >= 0 && scale * scale * spread <= need * need) continue;
            double score = mean[layers] + scale * Math.Sqrt(spread);
            if (score > pickScore) (pick, pickScore) = (i, score);
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
