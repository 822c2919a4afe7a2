using BenchmarkDotNet.Attributes;
using LayerNas.SearchSpaces;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Bench;

/// <summary>
/// One memorial-table step: bucket <see cref="Candidates"/> scored children by cost into 16 uniform buckets and keep
/// the best of each (LayerNAS's per-layer update; NB201-sized spaces give a few hundred children a step).
/// </summary>
public class MemorialTableBenchmarks
{
    private Candidate[] _candidates = [];
    private BucketScheme _scheme = null!;

    [Params(100, 1000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        _candidates = Enumerable.Range(0, Candidates).Select(_ =>
        {
            var options = Enumerable.Range(0, 6).Select(_ => random.Next(5)).ToArray();
            double cost = random.NextDouble() * 100;
            return new Candidate(new PartialArchitecture(options), new Architecture(options), random.NextDouble(), cost, cost);
        }).ToArray();
        _scheme = BucketScheme.Uniform(16, 0, 100);
    }

    [Benchmark]
    public MemorialTable Build() => MemorialTable.Build(layer: 3, step: 3, _scheme, _candidates, keep: 1);
}
