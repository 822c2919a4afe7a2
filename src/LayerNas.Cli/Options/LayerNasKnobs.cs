using System.CommandLine;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Cli.Options;

/// <summary>The LayerNAS knobs (H, K, buckets, completion, prelude, layer order); shared by search, plan, worker and bench.</summary>
public sealed class LayerNasKnobs
{
    public Option<int?> Buckets { get; } = new("--buckets") { Description = "LayerNAS: number of cost buckets H in the memorial table." };

    public Option<int?> Keep { get; } = new("--keep") { Description = "LayerNAS: candidates kept per bucket (top-K)." };

    public Option<BucketEdges?> Edges { get; } = new("--bucket-edges") { Description = "LayerNAS: uniform or quantile bucket edges." };

    public Option<BucketCost?> BucketBy { get; } = new("--bucket-by") { Description = "LayerNAS: which cost places a candidate in a bucket: cheapest, dearest or evaluated." };

    public Option<Completion?> Completion { get; } = new("--completion") { Description = "LayerNAS: what unsearched layers are set to: dearest, cheapest, default or incumbent." };

    public Option<bool?> ShareEvaluations { get; } = new("--share-evaluations") { Description = "LayerNAS: score a prefix by the best evaluated model that has it (true/false)." };

    public Option<int?> PreludePasses { get; } = new("--prelude-passes") { Description = "LayerNAS: one-layer neighbourhoods the greedy prelude explores before the layerwise search (0: no prelude; default 3 for spaces of under 4 options per layer, else 2)." };

    public Option<PreludeStart?> PreludeStart { get; } = new("--prelude-start") { Description = "LayerNAS: the model the greedy prelude starts from: balanced (budget spread over all layers) or dearest." };

    public Option<string?> LayerOrder { get; } = new("--layer-order") { Description = "LayerNAS: the order layers are searched in, e.g. 5,4,3,2,1,0 (default first to last)." };

    public IEnumerable<Option> All => [Buckets, Keep, Edges, BucketBy, Completion, ShareEvaluations, PreludePasses, PreludeStart, LayerOrder];

    /// <summary><paramref name="preset"/> with the knobs the user set on top.</summary>
    public LayerNasOptions Apply(ParseResult parse, LayerNasOptions preset)
    {
        var options = preset;
        if (parse.GetValue(Buckets) is { } b) options = options with { Buckets = b };
        if (parse.GetValue(Keep) is { } k) options = options with { KeepPerBucket = k };
        if (parse.GetValue(Edges) is { } e) options = options with { Edges = e };
        if (parse.GetValue(BucketBy) is { } by) options = options with { BucketBy = by };
        if (parse.GetValue(Completion) is { } c) options = options with { Completion = c };
        if (parse.GetValue(ShareEvaluations) is { } share) options = options with { ShareEvaluations = share };
        if (parse.GetValue(PreludePasses) is { } passes)
            options = passes < 0
                ? throw new UserInputException($"--prelude-passes {passes}: give 0 (no prelude) or more passes.")
                : passes == 0 ? options with { GreedyPrelude = false } : options with { GreedyPrelude = true, PreludePasses = passes };
        if (parse.GetValue(PreludeStart) is { } start) options = options with { PreludeStart = start };
        if (parse.GetValue(LayerOrder) is { } order)
        {
            var parts = order.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var layers = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!int.TryParse(parts[i], out layers[i]))
                    throw new UserInputException($"--layer-order '{order}' is not a list of layer indices: write e.g. 2,0,1.");
            options = options with { LayerOrder = layers };
        }
        return options;
    }
}
