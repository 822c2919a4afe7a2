using LayerNas.SearchSpaces;
using LayerNas.Strategies.RandomSearch;

namespace LayerNas.Strategies.Local;

/// <summary>
/// Local search as White et al. 2020 run it on NAS benchmarks: evaluate <see cref="LocalSearchOptions.InitialSamples"/>
/// random feasible architectures and take the best as the centre; evaluate its whole neighbourhood (every
/// feasible architecture that differs in one layer, in a seeded random order, skipping ones evaluated before);
/// move to the best neighbour when it is strictly better than the centre and repeat; at a local optimum restart
/// with a fresh set of random samples. Neighbours evaluated earlier count with their known reward but are not
/// proposed again. Never proposes an infeasible or repeated architecture; finishes when every feasible
/// architecture was proposed (enumerable spaces) or random sampling gives up.
/// Not thread-safe; deterministic for its seed and the sequence of calls.
/// </summary>
public sealed class LocalSearchStrategy : ISearchStrategy
{
    private readonly LocalSearchOptions _options;
    private readonly SearchGuard _guard;
    private readonly UniformFeasibleSampler _sampler;
    private readonly Random _random;
    private readonly Dictionary<Architecture, double> _told = new();
    private readonly HashSet<Architecture> _outstanding = new();
    private readonly Queue<Architecture> _neighbours = new();
    private readonly List<Architecture> _round = new(); // the samples or neighbours of the current round
    private int _toSample;
    private Architecture? _centre;
    private bool _gaveUp;
    private bool _samplerDone; // random sampling found nothing new (large spaces: it gave up)

    /// <summary>A local search of <paramref name="context"/>'s space; <paramref name="options"/> null means <see cref="LocalSearchOptions.Default"/>.</summary>
    public LocalSearchStrategy(StrategyContext context, LocalSearchOptions? options = null)
    {
        _options = options ?? LocalSearchOptions.Default;
        _options.Validate(context.Space);
        _guard = new SearchGuard(context);
        _random = new Random(context.Seed);
        _sampler = new UniformFeasibleSampler(_guard, _random);
        _toSample = _options.InitialSamples;
    }

    /// <inheritdoc />
    public string Name => "local";

    /// <summary>The options this search runs with.</summary>
    public LocalSearchOptions Options => _options;

    /// <inheritdoc />
    public bool IsFinished => _gaveUp || _guard.Exhausted;

    /// <summary>The current centre of the neighbourhood search (null while the samples of a round are out).</summary>
    public Architecture? Centre => _centre;

    /// <inheritdoc />
    public IReadOnlyList<Architecture> Propose(int maxCount)
    {
        var proposals = new List<Architecture>(Math.Min(maxCount, 64));
        while (proposals.Count < maxCount && !IsFinished)
        {
            if (_toSample > 0)
            {
                var arch = _sampler.Next();
                if (arch is null) { _toSample = 0; _samplerDone = true; continue; } // finish this round with what it has
                _toSample--;
                Add(arch);
                continue;
            }
            if (_neighbours.Count > 0)
            {
                var next = _neighbours.Dequeue();
                if (_guard.TryClaim(next)) Add(next);
                continue;
            }
            if (_outstanding.Count > 0) break;
            if (!Advance()) { _gaveUp = true; break; }
        }
        return proposals;

        void Add(Architecture arch)
        {
            _outstanding.Add(arch);
            _round.Add(arch);
            proposals.Add(arch);
        }
    }

    /// <inheritdoc />
    public void Tell(Observation observation)
    {
        if (!_outstanding.Remove(observation.Architecture))
            throw new InvalidOperationException($"Architecture {observation.Architecture} was not proposed or was already told.");
        _told[observation.Architecture] = observation.Reward;
    }

    // Every result of the round is in: pick the next centre (the best sample, or a strictly better neighbour) and
    // queue its neighbourhood, or start a new round of samples at a local optimum. False when nothing is left.
    private bool Advance()
    {
        bool sampled = _centre is null;
        Architecture? best = sampled ? null : _centre;
        foreach (var arch in _round)
            if (Reward(arch) is { } r && (best is null || r > Reward(best)!.Value)) best = arch;
        _round.Clear();
        if (best is null || (!sampled && best == _centre))
        {
            _centre = null;
            _toSample = _options.InitialSamples;
            return !_guard.Exhausted && !_samplerDone;
        }
        _centre = best;
        var space = _guard.Context.Space;
        var moves = new List<Architecture>();
        for (int layer = 0; layer < space.LayerCount; layer++)
            for (int option = 0; option < space.Layers[layer].Count; option++)
            {
                if (option == best[layer]) continue;
                var neighbour = best.With(layer, option);
                if (!_guard.IsFeasible(neighbour)) continue;
                if (_told.ContainsKey(neighbour)) _round.Add(neighbour); // known: competes, is not proposed again
                else moves.Add(neighbour);
            }
        for (int i = moves.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (moves[i], moves[j]) = (moves[j], moves[i]);
        }
        foreach (var m in moves) _neighbours.Enqueue(m);
        return true;
    }

    private double? Reward(Architecture arch) =>
        _told.TryGetValue(arch, out var r) && !double.IsNaN(r) ? r : null;
}
