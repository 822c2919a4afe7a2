using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.LayerNas;

/// <summary>How bucket edges are placed over the cost range.</summary>
public enum BucketEdges
{
    /// <summary>Equal-width buckets between the cheapest and the dearest feasible cost.</summary>
    Uniform,

    /// <summary>Equal-count buckets over the costs of the feasible architectures (enumerated, or sampled for large spaces).</summary>
    Quantile,

    /// <summary>Equal-count buckets over the bucket costs of the candidates of the current step (edges move per layer).</summary>
    StepQuantile,
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

/// <summary>
/// The knobs the LayerNAS paper leaves open. Immutable. <see cref="Default"/> is the mode we measured best;
/// <see cref="Paper"/> follows the paper's description. See docs/concepts.md.
/// </summary>
public sealed record LayerNasOptions
{
    /// <summary>Number of cost buckets H of the memorial table.</summary>
    public int Buckets { get; init; } = 8;

    /// <summary>Candidates kept per bucket (top-K by reward).</summary>
    public int KeepPerBucket { get; init; } = 2;

    public BucketEdges Edges { get; init; } = BucketEdges.Quantile;

    public BucketCost BucketBy { get; init; } = BucketCost.Cheapest;

    public Completion Completion { get; init; } = Completion.Dearest;

    /// <summary>Completion source when <see cref="Completion"/> is <see cref="Completion.Default"/>.</summary>
    public Architecture? DefaultArchitecture { get; init; }

    /// <summary>The order in which layers are searched (a permutation of layer indices); null = first to last.</summary>
    public IReadOnlyList<int>? LayerOrder { get; init; }

    /// <summary>Evaluate the children of the best parents first, so the best-so-far rises early.</summary>
    public bool BestParentsFirst { get; init; } = true;

    /// <summary>The paper's description: quantile buckets, two per bucket, dearest completion, bucket by cheapest cost.</summary>
    public static LayerNasOptions Paper { get; } = new()
    {
        Buckets = 8, KeepPerBucket = 2, Edges = BucketEdges.Quantile, BucketBy = BucketCost.Cheapest,
        Completion = Completion.Dearest, BestParentsFirst = false,
    };

    public static LayerNasOptions Default { get; } = new();

    public void Validate(SearchSpace space)
    {
        if (Buckets < 1) throw new UserInputException($"--buckets {Buckets}: LayerNAS needs at least one cost bucket.");
        if (KeepPerBucket < 1) throw new UserInputException($"--keep {KeepPerBucket}: keep at least one candidate per bucket.");
        if (Completion == Completion.Default)
        {
            if (DefaultArchitecture is null)
                throw new UserInputException("Completion 'default' needs a default architecture (e.g. the space's backbone).");
            space.Validate(DefaultArchitecture);
        }
        if (LayerOrder is { } order)
        {
            if (order.Count != space.LayerCount || order.Distinct().Count() != order.Count || order.Any(i => i < 0 || i >= space.LayerCount))
                throw new UserInputException(
                    $"--layer-order {string.Join(',', order)} is not a permutation of the {space.LayerCount} layers 0..{space.LayerCount - 1}.");
        }
    }
}
