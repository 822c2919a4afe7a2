namespace LayerNas.Strategies.LayerNas;

/// <summary>
/// The memorial table after one layer: for each cost bucket, the top-K candidates by reward (ties go to the
/// cheaper, then to the smaller architecture string, so the table is deterministic). Immutable once built.
/// </summary>
public sealed class MemorialTable
{
    private readonly Candidate[][] _buckets;

    private MemorialTable(int layer, int step, Candidate[][] buckets)
    {
        Layer = layer;
        Step = step;
        _buckets = buckets;
    }

    /// <summary>The layer (index in the space) searched in this step.</summary>
    public int Layer { get; }

    /// <summary>0-based position of <see cref="Layer"/> in the search order.</summary>
    public int Step { get; }

    /// <summary>Number of cost buckets H.</summary>
    public int BucketCount => _buckets.Length;

    /// <summary>Kept candidates of bucket <paramref name="bucket"/>, best first (may be empty).</summary>
    public IReadOnlyList<Candidate> this[int bucket] => _buckets[bucket];

    /// <summary>Every kept candidate, best first.</summary>
    public IReadOnlyList<Candidate> Entries => _buckets.SelectMany(b => b).OrderBy(c => c, Ranking).ToArray();

    /// <summary>Best first: higher reward, then lower evaluated cost, then the prefix's string form (a total, reproducible order).</summary>
    public static IComparer<Candidate> Ranking { get; } = Comparer<Candidate>.Create((a, b) =>
    {
        int c = b.Reward.CompareTo(a.Reward);
        if (c != 0) return c;
        c = a.EvaluatedCost.CompareTo(b.EvaluatedCost);
        return c != 0 ? c : string.CompareOrdinal(a.Prefix.ToString(), b.Prefix.ToString());
    });

    /// <summary>Buckets <paramref name="candidates"/> by <see cref="Candidate.BucketCost"/> and keeps the top <paramref name="keep"/> of each.</summary>
    public static MemorialTable Build(int layer, int step, BucketScheme scheme, IEnumerable<Candidate> candidates, int keep)
    {
        var lists = new List<Candidate>[scheme.Count];
        for (int i = 0; i < lists.Length; i++) lists[i] = [];
        foreach (var c in candidates) lists[scheme.BucketOf(c.BucketCost)].Add(c);
        var buckets = lists.Select(l => { l.Sort(Ranking); return l.Take(keep).ToArray(); }).ToArray();
        return new MemorialTable(layer, step, buckets);
    }
}
