using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>How bucket edges are placed over the cost range.</summary>
public enum BucketEdges
{
    /// <summary>Equal-width buckets between the cheapest and the dearest feasible cost.</summary>
    Uniform,

    /// <summary>Equal-count buckets over the costs of the feasible architectures (enumerated, or sampled for large spaces).</summary>
    Quantile,
}

/// <summary>Which cost of a candidate (a partial architecture) decides its bucket.</summary>
public enum BucketCost
{
    /// <summary>The cheapest completion of the candidate's fixed layers (what the fixed layers cost at least).</summary>
    Cheapest,

    /// <summary>The dearest completion of the fixed layers.</summary>
    Dearest,

    /// <summary>The cost of the concrete model that was evaluated for the candidate.</summary>
    Evaluated,
}

/// <summary>What the unsearched layers of a candidate are set to, so that it is a complete, scorable model.</summary>
public enum Completion
{
    /// <summary>The dearest option that keeps the model within budget (the paper's "largest" default, made feasible).</summary>
    Dearest,

    /// <summary>The cheapest option that keeps the model within budget.</summary>
    Cheapest,

    /// <summary>The options of <see cref="LayerNasOptions.DefaultArchitecture"/> (e.g. the backbone), where feasible.</summary>
    Default,

    /// <summary>The options of the best model evaluated so far, where feasible (dearest until there is one).</summary>
    Incumbent,
}

/// <summary>Where the greedy prelude starts.</summary>
public enum PreludeStart
{
    /// <summary>The dearest feasible model: each layer in search order takes the dearest option that keeps the budget reachable.</summary>
    Dearest,

    /// <summary>
    /// The cheapest feasible model raised in rounds, each layer to its next dearer option while the model stays
    /// feasible: under a budget the capacity is spread over all layers (unconstrained, it is the dearest model).
    /// </summary>
    Balanced,
}

/// <summary>How the stand-in completion chooses among options that reach the same dearest cost (e.g. the free ops of NB201).</summary>
public enum CompletionTies
{
    /// <summary>The lowest option index (the paper leaves this open).</summary>
    FirstOption,

    /// <summary>The option of the best model found before the layerwise search (the prelude's), when it is among the tied.</summary>
    Incumbent,

    /// <summary>The tied option with the highest weight in the additive model of the rewards before the layerwise search.</summary>
    Model,
}

/// <summary>
/// The knobs the LayerNAS paper leaves open. Immutable. <see cref="Default"/> is the mode we measured best;
/// <see cref="Paper"/> follows the paper's description. See docs/concepts.md.
/// </summary>
public sealed record LayerNasOptions : IStrategyOptions
{
    /// <summary>Number of cost buckets H of the memorial table; null sizes it from the space (<see cref="SizeFor"/>).</summary>
    public int? Buckets { get; init; }

    /// <summary>Candidates kept per bucket (top-K by reward); null sizes it from the space (<see cref="SizeFor"/>).</summary>
    public int? KeepPerBucket { get; init; }

    /// <summary>Where the bucket edges lie between the cheapest and dearest feasible cost.</summary>
    public BucketEdges Edges { get; init; } = BucketEdges.Quantile;

    /// <summary>The cost that places a candidate in a bucket (its fixed layers' cheapest completion by default).</summary>
    public BucketCost BucketBy { get; init; } = BucketCost.Cheapest;

    /// <summary>How the layers not yet searched are filled when a candidate is evaluated.</summary>
    public Completion Completion { get; init; } = Completion.Dearest;

    /// <summary>Completion source when <see cref="Completion"/> is <see cref="Completion.Default"/>; null: the space's backbone (<see cref="StrategyContext.Backbone"/>).</summary>
    public Architecture? DefaultArchitecture { get; init; }

    /// <summary>The order in which layers are searched (a permutation of layer indices); null = first to last.</summary>
    public IReadOnlyList<int>? LayerOrder { get; init; }

    /// <summary>
    /// Score a prefix by the best evaluated model that has it (any step's evaluation), not only by its own
    /// stand-in model; every evaluated model also competes for its prefix's bucket. Off by default: measured, it
    /// misses the reward oracle where the stand-ins alone find it (docs/concepts.md).
    /// </summary>
    public bool ShareEvaluations { get; init; }

    /// <summary>
    /// Before the layerwise search, a greedy prelude: evaluate <see cref="PreludeStart"/>, then explore one-layer
    /// neighbourhoods best first. Each pass takes the best model evaluated so far that has not been explored yet
    /// and tries every other option of every layer on it that meets the budget (at most layers x (options - 1)
    /// evaluations a pass). It finds a good model early and never changes what the memorial tables keep; the
    /// answer is the best of both.
    /// </summary>
    public bool GreedyPrelude { get; init; } = true;

    /// <summary>Neighbourhoods the prelude explores (one pass each); null sizes it from the space (<see cref="PassesFor"/>).</summary>
    public int? PreludePasses { get; init; }

    /// <summary>
    /// In each prelude pass, a one-layer change of the centre that breaks the budget is still tried, made to fit: once the
    /// pass is measured, the other layers are lowered one at a time, each to the cheaper option whose own one-layer change
    /// lost the least reward, until the model fits. Under a tight bound the dearest options otherwise never enter the
    /// prelude (a balanced start at a quarter of NB201's FLOPs has no feasible 3×3 convolution one change away).
    /// At most one evaluation per change, so a pass still costs at most Σ(options − 1).
    /// </summary>
    public bool PreludeRepairs { get; init; } = true;

    /// <summary>The model the greedy prelude starts from.</summary>
    public PreludeStart PreludeStart { get; init; } = PreludeStart.Balanced;

    /// <summary>Evaluate the children of the best parents first, so the best-so-far rises early.</summary>
    public bool BestParentsFirst { get; init; } = true;

    /// <summary>
    /// With <see cref="PreludeStart.Balanced"/>: one start for each option of the cheapest group of options of equal
    /// cost (none, skip and pooling on NB201), so the prelude does not begin on a degenerate model; false: one start.
    /// </summary>
    public bool TiedStarts { get; init; } = true;

    /// <summary>
    /// Model-guided proposals after the prelude and again after the layerwise search: each evaluates the feasible,
    /// not yet evaluated architecture that an additive model of every reward so far (ridge regression on one
    /// indicator per layer and option) predicts best, refitted after every result, so these proposals go one at a
    /// time (parallel workers wait for each). Null sizes it from the space (<see cref="GuidedFor"/>); 0: none.
    /// </summary>
    public int? GuidedProposals { get; init; }

    /// <summary>
    /// Model-guided proposals between two layerwise steps, after each memorial table is built and before the next layer is
    /// expanded, so the model refitted to the step's stand-ins proposes while the layerwise search is still running; null
    /// sizes it from the space (<see cref="GuidedPerStepFor"/>); 0: none.
    /// </summary>
    public int? GuidedPerStep { get; init; }

    /// <summary>
    /// Where the guided search scores the whole feasible set (up to <see cref="GuidedSearch.ScanLimit"/> models), each
    /// architecture's prediction is raised by this many standard deviations of it: σ √(xᵀ(XᵀX + ridge·I)⁻¹x), the
    /// ridge model's posterior spread with σ its root mean square residual, so combinations of options the model has
    /// rarely seen together get their turn (an upper confidence bound). 0: the plain prediction, as in larger spaces.
    /// </summary>
    public double Optimism { get; init; } = 2;

    /// <summary>
    /// When the cost bound prunes the search so that it would end before the evaluations the same search makes without
    /// the bound (the mean of 16 searches on random rewards, the figure <c>layernas plan</c> prints for an unconstrained
    /// budget), the guided proposals after the layerwise search go on up to that count: the budget takes candidates
    /// away, not the evaluations the space's plan allows. Only where there are guided proposals (<see cref="GuidedFor"/>) and the
    /// space is small enough to enumerate (<see cref="FeasibleSet.EnumerationLimit"/>), where the 16 simulations are cheap.
    /// </summary>
    public bool FillToUnconstrained { get; init; } = true;

    /// <summary>How the stand-in completion breaks ties between options of equal dearest cost.</summary>
    public CompletionTies CompletionTies { get; init; } = CompletionTies.Model;

    /// <summary>
    /// The paper's description: quantile buckets, dearest completion, bucket by cheapest cost, no prelude; 16 buckets
    /// keeping the top 4 each (the paper keeps "the top candidates" per bucket; 4 is what found the reward optimum
    /// of every benchmark setting in docs/benchmarks.md).
    /// </summary>
    public static LayerNasOptions Paper { get; } = new()
    {
        Buckets = 16, KeepPerBucket = 4, Edges = BucketEdges.Quantile, BucketBy = BucketCost.Cheapest,
        Completion = Completion.Dearest, BestParentsFirst = false, ShareEvaluations = false, GreedyPrelude = false,
        GuidedProposals = 0, GuidedPerStep = 0, PreludeRepairs = false, Optimism = 0, CompletionTies = CompletionTies.FirstOption, FillToUnconstrained = false,
    };

    /// <summary>The mode measured best (docs/benchmarks.md); what <c>layernas</c> runs with no settings given, and what <c>new LayerNasOptions()</c> is.</summary>
    public static LayerNasOptions Default { get; } = new();

    /// <summary>
    /// H and K for a space when not set: 8 buckets x 2 when layers have 4 or more options on average, and
    /// 16 x 4 for spaces of few options per layer, whose parents are cheap to expand (two new children each
    /// for three options) and whose rewards differ by less than their noise (NAS-Bench-Macro); measured in
    /// docs/concepts.md.
    /// </summary>
    public (int Buckets, int Keep) SizeFor(SearchSpace space)
    {
        bool few = FewOptions(space);
        return (Buckets ?? (few ? 16 : 8), KeepPerBucket ?? (few ? 4 : 2));
    }

    /// <summary>
    /// Prelude passes for a space when not set: 2. A pass costs Σ(options − 1) evaluations (16 on NAS-Bench-Macro, 24 on
    /// NB201, 275 on MobileNetV2); with tied starts and the guided proposals a third pass costs more evaluations and
    /// finds the reward oracle in no more settings (the knob table in docs/concepts.md).
    /// </summary>
    public int PassesFor(SearchSpace space) => PreludePasses ?? 2;

    /// <summary>
    /// Model-guided proposals per guided phase when not set: two thirds of Σ(options − 1), rounded up (16 on NB201, 11 on
    /// NAS-Bench-Macro), in spaces small enough to enumerate, where they were measured and the model's best prediction is
    /// found exactly; none in larger spaces (MobileNet: unmeasured, a greedy answer, and 0.1–0.3 s of cost bounds per proposal).
    /// </summary>
    public int GuidedFor(SearchSpace space) =>
        GuidedProposals ?? (space.Size <= FeasibleSet.EnumerationLimit ? (space.Layers.Sum(l => l.Count - 1) * 2 + 2) / 3 : 0);

    /// <summary>
    /// Guided proposals between two layerwise steps when not set: one more guided phase (<see cref="GuidedFor"/>) spread
    /// evenly over the layers − 1 gaps between the steps, rounded down: 3 on NB201 (16 over 5 gaps), 1 on NAS-Bench-Macro
    /// (11 over 7), none where there are no guided proposals (measured in docs/concepts.md).
    /// </summary>
    public int GuidedPerStepFor(SearchSpace space) => GuidedPerStep ?? (space.LayerCount > 1 ? GuidedFor(space) / (space.LayerCount - 1) : 0);

    private static bool FewOptions(SearchSpace space) => space.Layers.Average(l => l.Count) < 4;

    /// <inheritdoc />
    public void Validate(SearchSpace space)
    {
        if (PreludePasses is < 1) throw UserInputException.ForSetting("prelude_passes", $"{PreludePasses}: give 1 or more passes (greedy_prelude: false for none).");
        if (!(Optimism >= 0) || double.IsInfinity(Optimism)) throw UserInputException.ForSetting("optimism", $"{Optimism}: give 0 (the plain prediction) or a positive number of standard deviations, e.g. 2.");
        if (GuidedProposals is < 0) throw UserInputException.ForSetting("guided_proposals", $"{GuidedProposals}: give 0 (none) or more model-guided proposals.");
        if (GuidedPerStep is < 0) throw UserInputException.ForSetting("guided_per_step", $"{GuidedPerStep}: give 0 (none) or more model-guided proposals between two layerwise steps.");
        if (Buckets is < 1) throw UserInputException.ForSetting("buckets", $"{Buckets}: LayerNAS needs at least one cost bucket.");
        if (KeepPerBucket is < 1) throw UserInputException.ForSetting("keep_per_bucket", $"{KeepPerBucket}: keep at least one candidate per bucket.");
        if (DefaultArchitecture is { } arch)
        {
            try
            {
                space.Validate(arch);
            }
            catch (UserInputException ex)
            {
                throw UserInputException.ForSetting("default_architecture", $"{arch}: {ex.Message}", ex);
            }
        }
        if (LayerOrder is { } order)
        {
            if (order.Count != space.LayerCount || order.Distinct().Count() != order.Count || order.Any(i => i < 0 || i >= space.LayerCount))
                throw UserInputException.ForSetting("layer_order",
                    $"{string.Join(',', order)} is not a permutation of the {space.LayerCount} layers 0..{space.LayerCount - 1}.");
        }
    }
}
