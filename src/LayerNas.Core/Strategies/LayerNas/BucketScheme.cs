namespace LayerNas.Strategies.LayerNas;

/// <summary>H cost buckets given by H-1 increasing interior edges; bucket i holds costs in [edge(i-1), edge(i)). Immutable.</summary>
public sealed class BucketScheme
{
    private readonly double[] _edges;

    /// <summary>Buckets split at <paramref name="interiorEdges"/> (increasing; H-1 edges make H buckets).</summary>
    public BucketScheme(IReadOnlyList<double> interiorEdges) => _edges = interiorEdges.ToArray();

    /// <summary>Number of buckets.</summary>
    public int Count => _edges.Length + 1;

    /// <summary>Each bucket's cost range, the first from <paramref name="min"/> and the last to <paramref name="max"/> (the costs a search can reach).</summary>
    public IReadOnlyList<Costs.CostRange> Ranges(double min, double max) =>
        Enumerable.Range(0, Count).Select(b => new Costs.CostRange(b == 0 ? min : _edges[b - 1], b == Count - 1 ? max : _edges[b])).ToArray();

    /// <summary>The bucket of <paramref name="cost"/>: the number of interior edges at or below it.</summary>
    public int BucketOf(double cost)
    {
        int lo = 0, hi = _edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cost < _edges[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>H equal-width buckets over [min, max].</summary>
    public static BucketScheme Uniform(int buckets, double min, double max)
    {
        var edges = new double[buckets - 1];
        for (int i = 1; i < buckets; i++) edges[i - 1] = min + (max - min) * i / buckets;
        return new BucketScheme(edges);
    }

    /// <summary>Up to H buckets holding about equal shares of <paramref name="costs"/>; equal edges are merged.</summary>
    public static BucketScheme Quantile(int buckets, IReadOnlyList<double> costs)
    {
        if (costs.Count == 0) return new BucketScheme([]);
        var sorted = costs.Order().ToArray();
        var edges = new List<double>();
        for (int i = 1; i < buckets; i++)
        {
            double edge = sorted[(int)((long)i * sorted.Length / buckets)];
            if (edge > sorted[0] && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        return new BucketScheme(edges);
    }
}
