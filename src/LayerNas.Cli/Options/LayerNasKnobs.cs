using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Cli.Options;

/// <summary>
/// The LayerNAS settings as named flags (H, K, buckets, completion, prelude, layer order), shared by search, plan
/// and bench; each maps onto one setting of <see cref="LayerNasOptions"/> (its JSON name in <see cref="Settings"/>).
/// </summary>
public sealed class LayerNasKnobs
{
    public Option<int?> Buckets { get; } = new("--buckets") { Description = "LayerNAS: number of cost buckets H in the memorial table." };

    public Option<int?> Keep { get; } = new("--keep") { Description = "LayerNAS: candidates kept per bucket (top-K)." };

    public Option<BucketEdges?> Edges { get; } = new("--bucket-edges") { Description = "LayerNAS: uniform or quantile bucket edges." };

    public Option<BucketCost?> BucketBy { get; } = new("--bucket-by") { Description = "LayerNAS: which cost places a candidate in a bucket: cheapest, dearest or evaluated." };

    public Option<Completion?> Completion { get; } = new("--completion") { Description = "LayerNAS: what unsearched layers are set to: dearest, cheapest, default or incumbent." };

    public Option<bool?> ShareEvaluations { get; } = new("--share-evaluations") { Description = "LayerNAS: score a prefix by the best evaluated model that has it (true/false)." };

    public Option<int?> PreludePasses { get; } = new("--prelude-passes") { Description = "LayerNAS: one-layer neighbourhoods the greedy prelude explores before the layerwise search (0: no prelude; default 2)." };

    public Option<PreludeStart?> PreludeStart { get; } = new("--prelude-start") { Description = "LayerNAS: the model the greedy prelude starts from: balanced (budget spread over all layers) or dearest." };

    public Option<string?> LayerOrder { get; } = new("--layer-order") { Description = "LayerNAS: the order layers are searched in, e.g. 5,4,3,2,1,0 (default first to last)." };

    public Option<bool?> TiedStarts { get; } = new("--tied-starts") { Description = "LayerNAS: one balanced start per option of the cheapest group of equally cheap options (true/false; default true)." };

    public Option<int?> Guided { get; } = new("--guided") { Description = "LayerNAS: model-guided proposals after the prelude and after the layerwise search (0: none; default two thirds of Σ(options − 1))." };

    public Option<int?> GuidedPerStep { get; } = new("--guided-per-step") { Description = "LayerNAS: model-guided proposals between two layerwise steps (0: none; default ⌊--guided / (layers − 1)⌋: 3 on NB201, 1 on NAS-Bench-Macro)." };

    public Option<bool?> PreludeRepairs { get; } = new("--prelude-repairs") { Description = "LayerNAS: a prelude change that breaks the budget is tried made to fit, other layers lowered where that lost least (true/false; default true)." };

    public Option<double?> Optimism { get; } = new("--optimism") { Description = "LayerNAS: standard deviations of the reward model's prediction added to it when choosing a guided proposal (0: the plain prediction; default 2)." };

    public Option<CompletionTies?> CompletionTies { get; } = new("--completion-ties") { Description = "LayerNAS: how the completion breaks ties of equal cost: model (default), incumbent or firstoption." };

    public Option<bool?> Fill { get; } = new("--fill") { Description = "LayerNAS: a search the budget prunes goes on with guided proposals up to the unconstrained search's mean evaluations (true/false; default true)." };

    public IEnumerable<Option> All => [Buckets, Keep, Edges, BucketBy, Completion, ShareEvaluations, PreludePasses, PreludeStart, LayerOrder, TiedStarts, PreludeRepairs, Guided, GuidedPerStep, Optimism, CompletionTies, Fill];

    /// <summary>Each flag with the LayerNAS setting it sets (recipe path <c>strategy.settings.NAME</c>).</summary>
    public IEnumerable<(Option Flag, string Setting)> Settings =>
    [
        (Buckets, "buckets"), (Keep, "keep_per_bucket"), (Edges, "edges"), (BucketBy, "bucket_by"), (Completion, "completion"),
        (ShareEvaluations, "share_evaluations"), (PreludePasses, "prelude_passes"), (PreludeStart, "prelude_start"), (LayerOrder, "layer_order"),
        (TiedStarts, "tied_starts"), (PreludeRepairs, "prelude_repairs"), (Guided, "guided_proposals"), (GuidedPerStep, "guided_per_step"), (Optimism, "optimism"), (CompletionTies, "completion_ties"), (Fill, "fill_to_unconstrained"),
    ];

    /// <summary>The settings given explicitly, by their JSON names; <c>--prelude-passes 0</c> turns the prelude off.</summary>
    public JsonObject Overrides(ParseResult parse)
    {
        var o = new JsonObject();
        static string Name(Enum e) => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString());
        if (parse.GetValue(Buckets) is { } b) o["buckets"] = b;
        if (parse.GetValue(Keep) is { } k) o["keep_per_bucket"] = k;
        if (parse.GetValue(Edges) is { } e) o["edges"] = Name(e);
        if (parse.GetValue(BucketBy) is { } by) o["bucket_by"] = Name(by);
        if (parse.GetValue(Completion) is { } c) o["completion"] = Name(c);
        if (parse.GetValue(ShareEvaluations) is { } share) o["share_evaluations"] = share;
        if (parse.GetValue(PreludePasses) is { } passes)
        {
            if (passes < 0) throw UserInputException.ForSetting("strategy.settings.prelude_passes", $"{passes}: give 0 (no prelude) or more passes.");
            o["greedy_prelude"] = passes > 0;
            if (passes > 0) o["prelude_passes"] = passes;
        }
        if (parse.GetValue(PreludeStart) is { } start) o["prelude_start"] = Name(start);
        if (parse.GetValue(TiedStarts) is { } tied) o["tied_starts"] = tied;
        if (parse.GetValue(PreludeRepairs) is { } repairs) o["prelude_repairs"] = repairs;
        if (parse.GetValue(Guided) is { } guided) o["guided_proposals"] = guided;
        if (parse.GetValue(GuidedPerStep) is { } perStep) o["guided_per_step"] = perStep;
        if (parse.GetValue(Optimism) is { } optimism) o["optimism"] = optimism;
        if (parse.GetValue(CompletionTies) is { } ties) o["completion_ties"] = Name(ties);
        if (parse.GetValue(Fill) is { } fill) o["fill_to_unconstrained"] = fill;
        if (parse.GetValue(LayerOrder) is { } order)
        {
            var layers = new JsonArray();
            foreach (var part in order.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                layers.Add(int.TryParse(part, out int layer)
                    ? layer
                    : throw UserInputException.ForSetting("strategy.settings.layer_order", $"'{order}' is not a list of layer indices: write e.g. 2,0,1."));
            o["layer_order"] = layers;
        }
        return o;
    }
}
