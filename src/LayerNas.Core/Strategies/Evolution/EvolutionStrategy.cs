using LayerNas.SearchSpaces;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Strategies.Evolution;

/// <summary>
/// Regularized (aging) evolution, Real et al. 2019: the first <see cref="EvolutionOptions.Population"/> proposals
/// are random feasible architectures; afterwards each proposal mutates one layer (to a different option) of the
/// best of <see cref="EvolutionOptions.SampleSize"/> members drawn from the population, and each told result joins
/// the population while the oldest member leaves. Infeasible or repeated mutations are re-drawn, never proposed.
/// Not thread-safe; deterministic for its seed and the sequence of calls.
/// </summary>
public sealed class EvolutionStrategy : ISearchStrategy
{
    private readonly EvolutionOptions _options;
    private readonly SearchGuard _guard;
    private readonly UniformFeasibleSampler _sampler;
    private readonly Random _random;
    private readonly List<(Architecture Arch, double Reward)> _population = new();
    private readonly int[] _mutableLayers;
    private int _proposed;
    private bool _gaveUp;

    /// <summary>A new evolution over <paramref name="context"/> (null options: <see cref="EvolutionOptions.Default"/>).</summary>
    public EvolutionStrategy(StrategyContext context, EvolutionOptions? options = null)
    {
        _options = options ?? EvolutionOptions.Default;
        _options.Validate(context.Space);
        _guard = new SearchGuard(context);
        _random = new Random(context.Seed);
        _sampler = new UniformFeasibleSampler(_guard, _random);
        _mutableLayers = Enumerable.Range(0, context.Space.LayerCount).Where(l => context.Space.Layers[l].Count > 1).ToArray();
    }

    /// <inheritdoc />
    public string Name => "evolution";

    /// <summary>The settings in use.</summary>
    public EvolutionOptions Options => _options;

    /// <inheritdoc />
    public bool IsFinished => _gaveUp || _guard.Exhausted;

    /// <inheritdoc />
    public IReadOnlyList<Architecture> Propose(int maxCount)
    {
        var proposals = new List<Architecture>(Math.Min(maxCount, 64));
        while (proposals.Count < maxCount && !IsFinished)
        {
            var arch = (_proposed < _options.Population || _population.Count == 0 ? null : Mutant()) ?? _sampler.Next();
            if (arch is null) { _gaveUp = true; break; }
            _proposed++;
            proposals.Add(arch);
        }
        return proposals;
    }

    /// <inheritdoc />
    public void Tell(Observation observation)
    {
        if (observation.Failed) return; // a model that cannot be scored has no place in the population
        _population.Add((observation.Architecture, observation.Reward));
        if (_population.Count > _options.Population) _population.RemoveAt(0);
    }

    private Architecture? Mutant()
    {
        if (_mutableLayers.Length == 0) return null;
        for (int attempt = 0; attempt < _options.MaxMutationTries; attempt++)
        {
            var parent = Tournament();
            int layer = _mutableLayers[_random.Next(_mutableLayers.Length)];
            int option = _random.Next(_guard.Context.Space.Layers[layer].Count - 1);
            if (option >= parent[layer]) option++;
            var child = parent.With(layer, option);
            if (_guard.TryClaim(child)) return child;
        }
        return null;
    }

    private Architecture Tournament()
    {
        int best = _random.Next(_population.Count);
        for (int i = 1; i < _options.SampleSize; i++)
        {
            int j = _random.Next(_population.Count);
            if (_population[j].Reward > _population[best].Reward) best = j;
        }
        return _population[best].Arch;
    }
}
