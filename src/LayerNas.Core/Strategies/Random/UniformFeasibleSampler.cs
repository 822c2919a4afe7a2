using LayerNas.SearchSpaces;

namespace LayerNas.Strategies.RandomSearch;

/// <summary>
/// Draws feasible architectures not yet claimed in a <see cref="SearchGuard"/>, uniformly: for enumerable spaces
/// a lazy Fisher-Yates shuffle of the feasible list (no wasted draws), otherwise rejection sampling.
/// Not thread-safe.
/// </summary>
internal sealed class UniformFeasibleSampler
{
    /// <summary>Rejection sampling gives up after this many draws in a row that are infeasible or repeated.</summary>
    public const int MaxRejections = 100_000;

    private readonly SearchGuard _guard;
    private readonly Random _random;
    private readonly int[]? _pool;
    private int _next;

    public UniformFeasibleSampler(SearchGuard guard, Random random)
    {
        _guard = guard;
        _random = random;
        _pool = guard.Set?.Indices.ToArray();
    }

    /// <summary>A new feasible architecture (claimed in the guard), or null when none is left (or none was found).</summary>
    public Architecture? Next()
    {
        if (_pool is not null)
        {
            var indexer = _guard.Set!.Indexer;
            while (_next < _pool.Length)
            {
                int j = _random.Next(_next, _pool.Length);
                (_pool[_next], _pool[j]) = (_pool[j], _pool[_next]);
                var arch = indexer.At(_pool[_next++]);
                if (_guard.TryClaim(arch)) return arch; // others may have claimed it (mutations, policy samples)
            }
            return null;
        }
        for (int attempt = 0; attempt < MaxRejections; attempt++)
        {
            var arch = _guard.Context.Space.Sample(_random);
            if (_guard.TryClaim(arch)) return arch;
        }
        return null;
    }
}
