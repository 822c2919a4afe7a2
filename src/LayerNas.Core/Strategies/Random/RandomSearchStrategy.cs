using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.RandomSearch;

/// <summary>
/// Random search: uniform over the feasible architectures, without repeats. Ignores rewards. For spaces too
/// large to enumerate it samples by rejection and finishes after <see cref="UniformFeasibleSampler.MaxRejections"/>
/// failed draws in a row. Not thread-safe; deterministic for its seed.
/// </summary>
public sealed class RandomSearchStrategy : ISearchStrategy
{
    private readonly SearchGuard _guard;
    private readonly UniformFeasibleSampler _sampler;
    private bool _gaveUp;

    /// <summary>A new random search over <paramref name="context"/>; it has no settings.</summary>
    public RandomSearchStrategy(StrategyContext context, RandomSearchOptions? options = null)
    {
        _guard = new SearchGuard(context);
        _sampler = new UniformFeasibleSampler(_guard, new Random(context.Seed));
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public bool IsFinished => _gaveUp || _guard.Exhausted;

    /// <inheritdoc />
    public IReadOnlyList<Architecture> Propose(int maxCount)
    {
        var proposals = new List<Architecture>(Math.Min(maxCount, 64));
        while (proposals.Count < maxCount && !IsFinished)
        {
            var arch = _sampler.Next();
            if (arch is null) { _gaveUp = true; break; }
            proposals.Add(arch);
        }
        return proposals;
    }

    /// <summary>Random search learns nothing from results.</summary>
    public void Tell(Observation observation) { }
}
