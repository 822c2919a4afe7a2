using LayerNas.Benchmarks;
using LayerNas.Costs;
using LayerNas.SearchSpaces;
using LayerNas.Strategies;
using LayerNas.Strategies.LayerNas;

namespace LayerNas.Benchmarks.Tests.Tables;

/// <summary>The acceptance check, kept as a regression test: LayerNAS reaches the reward oracle on the 8 settings.</summary>
public class LayerNasOnTablesTests
{
    public static TheoryData<string, bool, string> Settings()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var name in BenchmarkCatalog.ComparisonSet)
            foreach (var half in new[] { true, false })
                foreach (var mode in new[] { "layernas", "layernas-paper" })
                    data.Add(name, half, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void LayerNas_ReachesRewardOracle(string benchmarkName, bool halfFlops, string mode)
    {
        var benchmark = BenchmarkCatalog.Load(benchmarkName);
        var cost = benchmark.CostModel("flops");
        var range = cost.Completions(PartialArchitecture.Empty(benchmark.Space.LayerCount));
        var constraint = CostConstraint.Parse(cost, null, halfFlops ? "0.5x" : null, range);
        var oracle = benchmark.Oracle(constraint);
        var strategy = (LayerNasStrategy)StrategyRegistry.Get(mode).Create(new StrategyContext(benchmark.Space, cost, constraint, Seed: 1));
        var evaluated = benchmark.Drive(strategy);

        Assert.True(strategy.IsFinished);
        Assert.All(evaluated, a => Assert.True(constraint.IsSatisfiedBy(cost.Cost(a))));
        // Several architectures can share the best reward (NAS-Bench-Macro's equivalent codes, NB201 ties): any of them is a hit.
        Assert.Equal(oracle.BestReward, strategy.Best!.Reward);
        if (mode == "layernas") Assert.True(evaluated.Count <= (benchmarkName.StartsWith("nb201") ? 300 : 450), $"{evaluated.Count} evaluations");
    }
}
