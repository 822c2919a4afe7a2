using BenchmarkDotNet.Attributes;
using LayerNas.Benchmarks;
using LayerNas.Costs;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;

namespace LayerNas.Bench;

/// <summary>
/// The cost calls LayerNAS makes for every candidate: a complete architecture's cost and the cheapest/dearest
/// completion of a partial one (half its layers fixed), on a network space's exact MAdds model and on a benchmark
/// table's enumerated FLOPs model. Each operation is 64 calls on seeded architectures.
/// </summary>
public class CostModelBenchmarks
{
    private const int Calls = 64;
    private ICostModel _madds = null!;
    private ICostModel _flops = null!;
    private Architecture[] _networkArchs = [];
    private PartialArchitecture[] _networkPartials = [];
    private Architecture[] _tableArchs = [];
    private PartialArchitecture[] _tablePartials = [];

    [GlobalSetup]
    public void Setup()
    {
        var network = NetworkSpaceCatalog.Get("mobilenet-v3-large");
        _madds = network.CostModel("madds");
        var table = BenchmarkCatalog.Load("nb201-cifar10");
        _flops = table.CostModel("flops");
        var random = new Random(1);
        (_networkArchs, _networkPartials) = Draw(network.Space, random);
        (_tableArchs, _tablePartials) = Draw(table.Space, random);
    }

    private static (Architecture[], PartialArchitecture[]) Draw(SearchSpace space, Random random)
    {
        var archs = Enumerable.Range(0, Calls).Select(_ => space.Sample(random)).ToArray();
        var partials = archs.Select(a =>
        {
            var options = a.Options.ToArray();
            for (int i = options.Length / 2; i < options.Length; i++) options[i] = PartialArchitecture.Free;
            return new PartialArchitecture(options);
        }).ToArray();
        return (archs, partials);
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public double NetworkMAddsCost()
    {
        double sum = 0;
        foreach (var a in _networkArchs) sum += _madds.Cost(a);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public double NetworkMAddsCompletions()
    {
        double sum = 0;
        foreach (var p in _networkPartials) sum += _madds.Completions(p).Min;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public double EnumeratedFlopsCost()
    {
        double sum = 0;
        foreach (var a in _tableArchs) sum += _flops.Cost(a);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public double EnumeratedFlopsCompletions()
    {
        double sum = 0;
        foreach (var p in _tablePartials) sum += _flops.Completions(p).Min;
        return sum;
    }
}
