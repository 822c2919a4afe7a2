using LayerNas.SearchSpaces;

namespace LayerNas.Strategies;

/// <summary>
/// Remembers what a strategy proposed and admits only feasible, new architectures: array lookups for
/// enumerable spaces, the cost model and a hash set otherwise. Not thread-safe.
/// </summary>
internal sealed class SearchGuard
{
    private readonly bool[]? _seenByIndex;
    private readonly HashSet<Architecture>? _seen;

    public SearchGuard(StrategyContext context)
    {
        Context = context;
        Set = FeasibleSet.TryGet(context);
        if (Set is not null) _seenByIndex = new bool[Set.Indexer.Count];
        else _seen = new HashSet<Architecture>();
    }

    public StrategyContext Context { get; }

    /// <summary>The enumerated feasible set, or null for spaces too large to enumerate.</summary>
    public FeasibleSet? Set { get; }

    /// <summary>Architectures admitted so far.</summary>
    public int Claimed { get; private set; }

    /// <summary>True when every feasible architecture was admitted (known only for enumerable spaces).</summary>
    public bool Exhausted => Set is not null && Claimed >= Set.Count;

    public bool IsFeasible(Architecture arch) => Set?.Contains(arch) ?? Context.IsFeasible(arch);

    /// <summary>Admits <paramref name="arch"/> when it is feasible and was not admitted before.</summary>
    public bool TryClaim(Architecture arch)
    {
        if (Set is not null)
        {
            long index = Set.Indexer.IndexOf(arch);
            if (_seenByIndex![index] || !Set.Contains(index)) return false;
            _seenByIndex[index] = true;
        }
        else
        {
            if (_seen!.Contains(arch) || !Context.IsFeasible(arch)) return false;
            _seen.Add(arch);
        }
        Claimed++;
        return true;
    }
}
